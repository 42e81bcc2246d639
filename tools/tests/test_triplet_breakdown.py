"""tools/triplet_breakdown.py: accuracy per anchor label, scored as eval scores (ties wrong)."""
import os
import subprocess
import sys
import tempfile
import unittest

TOOL = os.path.join(os.path.dirname(__file__), "..", "triplet_breakdown.py")


class TripletBreakdownTest(unittest.TestCase):

    def setUp(self):
        self.dir = tempfile.TemporaryDirectory()
        d = self.dir.name
        os.makedirs(os.path.join(d, "set", "triplets"))
        with open(os.path.join(d, "set", "labels.csv"), "w") as f:
            f.write("clip_id,file,soundtrack,split\n")
            for clip, st in [("a1", "A"), ("a2", "A"), ("b1", "B"), ("b2", "B"), ("c1", "C")]:
                f.write(f"{clip},clips/{clip}.ogg,{st},test\n")
        with open(os.path.join(d, "set", "triplets", "soundtrack.csv"), "w") as f:
            f.write("anchor,positive,negative\n")
            f.write("a1,a2,b1\na1,a2,c1\nb1,b2,a1\n")
        # by file name, as `embed` writes: a1 near a2; b1 as near a1 as b2 (a tie: wrong)
        with open(os.path.join(d, "embed.csv"), "w") as f:
            f.write("clip_id,e0\na1.ogg,0\na2.ogg,1\nb1.ogg,5\nb2.ogg,10\nc1.ogg,0.5\n")

    def tearDown(self):
        self.dir.cleanup()

    def test_each_anchor_soundtrack_gets_its_row_and_ties_count_as_wrong(self):
        d = self.dir.name
        r = subprocess.run([sys.executable, TOOL, "--data", os.path.join(d, "set"), "--task", "soundtrack",
                            "m=" + os.path.join(d, "embed.csv")], capture_output=True, text=True)
        self.assertEqual(r.returncode, 0, r.stderr)
        lines = r.stdout.splitlines()
        # a1: right against b1 (1 < 5), wrong against c1 (1 > 0.5); b1: 5 = 5 is a tie, wrong
        self.assertIn("| A | 2 | 2 | 50.0 |", lines)
        self.assertIn("| B | 1 | 2 | 0.0 |", lines)
        self.assertIn("| all | 3 | 4 | 33.3 |", lines)

    def test_a_column_the_labels_lack_is_named(self):
        d = self.dir.name
        r = subprocess.run([sys.executable, TOOL, "--data", os.path.join(d, "set"), "--task", "soundtrack",
                            "--by", "composer", "m=" + os.path.join(d, "embed.csv")], capture_output=True, text=True)
        self.assertNotEqual(r.returncode, 0)
        self.assertIn("no column 'composer'", r.stderr)


if __name__ == "__main__":
    unittest.main()
