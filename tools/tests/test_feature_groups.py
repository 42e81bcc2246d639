"""tools/feature_groups.py: a bliss-features CSV split into its feature groups."""
import csv
import os
import subprocess
import sys
import tempfile
import unittest

TOOL = os.path.join(os.path.dirname(__file__), "..", "feature_groups.py")
NAMES = ["tempo", "zcr", "mean_spectral_centroid", "std_deviation_spectral_centroid", "mean_spectral_rolloff",
         "std_deviation_spectral_rolloff", "mean_spectral_flatness", "std_deviation_spectral_flatness",
         "mean_loudness", "std_deviation_loudness"] + ["chroma%d" % i for i in range(1, 14)]


def run(*args):
    return subprocess.run([sys.executable, TOOL, *args], capture_output=True, text=True)


class FeatureGroupsTest(unittest.TestCase):

    def setUp(self):
        self.dir = tempfile.TemporaryDirectory()
        self.csv = os.path.join(self.dir.name, "bliss.csv")
        with open(self.csv, "w", newline="") as f:
            w = csv.writer(f)
            w.writerow(["clip_id"] + NAMES)
            w.writerow(["a"] + [str(i) for i in range(23)])
            w.writerow(["b"] + [str(-i) for i in range(23)])

    def tearDown(self):
        self.dir.cleanup()

    def read(self, name):
        with open(os.path.join(self.dir.name, "out", name), newline="") as f:
            return list(csv.reader(f))

    def test_each_group_alone_and_everything_but_it(self):
        r = run(self.csv, "--out", os.path.join(self.dir.name, "out"))
        self.assertEqual(0, r.returncode, r.stderr)
        self.assertEqual(14, len(os.listdir(os.path.join(self.dir.name, "out"))))
        loud = self.read("only-loudness.csv")
        self.assertEqual(["clip_id", "mean_loudness", "std_deviation_loudness"], loud[0])
        self.assertEqual(["a", "8", "9"], loud[1])
        self.assertEqual(["b", "-8", "-9"], loud[2])
        without = self.read("without-chroma.csv")
        self.assertEqual(["clip_id"] + NAMES[:10], without[0])
        self.assertEqual(["a"] + [str(i) for i in range(10)], without[1])
        self.assertEqual(14, len(self.read("only-chroma.csv")[0]))

    def test_a_csv_without_blisss_columns_is_refused_by_name(self):
        other = os.path.join(self.dir.name, "other.csv")
        with open(other, "w") as f:
            f.write("clip_id,e0,e1\na,1,2\n")
        r = run(other, "--out", os.path.join(self.dir.name, "out"))
        self.assertNotEqual(0, r.returncode)
        self.assertIn("lacks bliss's column(s) tempo", r.stderr)
        self.assertFalse(os.path.exists(os.path.join(self.dir.name, "out")))


if __name__ == "__main__":
    unittest.main()
