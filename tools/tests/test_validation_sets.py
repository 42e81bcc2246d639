"""tools/validation_sets.py: a run's validation triplets become data sets that `eval` reads."""
import os
import tempfile
import unittest

import tooltest

run = tooltest.runner("validation_sets.py")
rows = tooltest.read_rows

LABELS = """clip_id,file,track_id,soundtrack,split
s1t1a,clips/s1t1a.ogg,s1t1,s1,train
s1t1b,clips/s1t1b.ogg,s1t1,s1,train
s1t2a,clips/s1t2a.ogg,s1t2,s1,train
s2t1a,clips/s2t1a.ogg,s2t1,s2,train
s3t1a,clips/s3t1a.ogg,s3t1,s3,train
x,clips/x.ogg,x,s9,test
"""

TRIPLETS = """dataset,relation,anchor,positive,negative,part
games,album,s3t1a,s3t1a,s1t1a,train
games,album,s1t1a,s1t1b,s2t1a,validation
games,album,s1t1a,s1t2a,s2t1a,validation
games,track,s1t1a,s1t1b,s1t2a,validation
"""


class ValidationSetsTest(unittest.TestCase):

    def setUp(self):
        self.dir = tempfile.TemporaryDirectory()
        self.data = os.path.join(self.dir.name, "games")
        os.makedirs(os.path.join(self.data, "clips"))
        with open(os.path.join(self.data, "labels.csv"), "w", encoding="utf-8") as f:
            f.write(LABELS)
        self.run_dir = os.path.join(self.dir.name, "run")
        os.makedirs(self.run_dir)
        with open(os.path.join(self.run_dir, "triplets.csv"), "w", encoding="utf-8") as f:
            f.write(TRIPLETS)
        self.out = os.path.join(self.dir.name, "val")

    def tearDown(self):
        self.dir.cleanup()

    def test_validation_clips_and_triplets_become_an_evaluation_set(self):
        r = run(self.run_dir, "--data", self.data, "--out", self.out)
        self.assertEqual(r.returncode, 0, r.stderr)
        labels = rows(os.path.join(self.out, "games", "labels.csv"))
        # only the clips of validation triplets, every one marked test so eval ranks them too
        self.assertEqual(["s1t1a", "s1t1b", "s1t2a", "s2t1a"], [l["clip_id"] for l in labels])
        self.assertEqual({"test"}, {l["split"] for l in labels})
        self.assertEqual("s1", labels[0]["soundtrack"])
        self.assertEqual(os.path.realpath(os.path.join(self.data, "clips")),
                         os.path.realpath(os.path.join(self.out, "games", "clips")))
        tasks = os.path.join(self.out, "games", "triplets")
        self.assertEqual(2, len(rows(os.path.join(tasks, "album.csv"))))
        self.assertEqual(1, len(rows(os.path.join(tasks, "track.csv"))))
        # the test's soundtrack rule: the positive is another track
        self.assertEqual([{"anchor": "s1t1a", "positive": "s1t2a", "negative": "s2t1a"}],
                         rows(os.path.join(tasks, "album-other-track.csv")))
        self.assertIn("games: 4 clips; album 2, album-other-track 1, track 1", r.stdout)

    def test_an_existing_output_folder_is_left_alone(self):
        os.makedirs(self.out)
        r = run(self.run_dir, "--data", self.data, "--out", self.out)
        self.assertNotEqual(r.returncode, 0)
        self.assertIn("exists already", r.stderr)
        self.assertEqual([], os.listdir(self.out))

    def test_a_set_without_its_data_folder_is_named_and_nothing_is_written(self):
        other = os.path.join(self.dir.name, "other")
        os.makedirs(other)
        with open(os.path.join(other, "labels.csv"), "w", encoding="utf-8") as f:
            f.write(LABELS)
        r = run(self.run_dir, "--data", other, "--out", self.out)
        self.assertNotEqual(r.returncode, 0)
        self.assertIn("the run validated on games, which no --data folder is named after", r.stderr)
        self.assertFalse(os.path.exists(self.out))

    def test_a_clip_missing_from_the_labels_is_named_and_nothing_is_written(self):
        with open(os.path.join(self.data, "labels.csv"), "w", encoding="utf-8") as f:
            f.write("\n".join(l for l in LABELS.splitlines() if not l.startswith("s2t1a")) + "\n")
        r = run(self.run_dir, "--data", self.data, "--out", self.out)
        self.assertNotEqual(r.returncode, 0)
        self.assertIn("clip 's2t1a' of the run's triplets is not in", r.stderr)
        self.assertFalse(os.path.exists(self.out))
        self.assertFalse(os.path.exists(self.out + ".partial"))


if __name__ == "__main__":
    unittest.main()
