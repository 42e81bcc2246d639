"""tools/ensemble_csv.py: several models' embeddings of a data set joined into one ensemble's."""
import csv
import math
import os
import tempfile
import unittest

import tooltest

run = tooltest.runner("ensemble_csv.py")


class EnsembleCsvTest(unittest.TestCase):

    def setUp(self):
        self.dir = tempfile.TemporaryDirectory()
        self.labels = self.write("labels.csv", [["clip_id", "file", "artist", "split"],
                                                ["a", "clips/a.mp3", "x", "test"],
                                                ["b", "clips/b.ogg", "y", "test"]])
        self.out = os.path.join(self.dir.name, "ens.csv")

    def tearDown(self):
        self.dir.cleanup()

    def write(self, name, rows):
        return tooltest.write_rows(os.path.join(self.dir.name, name), rows)

    def test_members_are_joined_by_clip_id_and_scaled_so_the_distance_is_their_mean(self):
        # member 1 as embed writes it (paths), member 2 keyed by clip id, rows in another order
        m1 = self.write("m1.csv", [["clip_id", "e0", "e1"], ["clips/a.mp3", "1", "0"], ["clips/b.ogg", "0", "1"]])
        m2 = self.write("m2.csv", [["clip_id", "e0", "e1"], ["b", "0.6", "0.8"], ["a", "0.6", "0.8"]])
        r = run("--labels", self.labels, "--out", self.out, m1, m2)
        self.assertEqual(0, r.returncode, r.stderr)
        with open(self.out, newline="") as f:
            rows = list(csv.reader(f))
        self.assertEqual(["clip_id", "m0_0", "m0_1", "m1_0", "m1_1"], rows[0])
        self.assertEqual(["a", "b"], [row[0] for row in rows[1:]])
        a = [float(x) for x in rows[1][1:]]
        b = [float(x) for x in rows[2][1:]]
        self.assertAlmostEqual(1.0, math.sqrt(sum(x * x for x in a)), places=12)
        # member 1: |a - b|^2 = 2; member 2: 0; the ensemble's squared distance is their mean
        self.assertAlmostEqual(1.0, sum((x - y) ** 2 for x, y in zip(a, b)), places=12)

    def test_a_clip_that_one_member_lacks_is_named_and_nothing_is_written(self):
        m1 = self.write("m1.csv", [["clip_id", "e0"], ["a", "1"], ["b", "1"]])
        m2 = self.write("m2.csv", [["clip_id", "e0"], ["a", "1"]])
        r = run("--labels", self.labels, "--out", self.out, m1, m2)
        self.assertNotEqual(0, r.returncode)
        self.assertIn("b in only one of them", r.stderr)
        self.assertFalse(os.path.exists(self.out))

    def test_an_id_outside_the_data_set_is_refused_with_its_line(self):
        m1 = self.write("m1.csv", [["clip_id", "e0"], ["a", "1"], ["clips/c.mp3", "1"]])
        m2 = self.write("m2.csv", [["clip_id", "e0"], ["a", "1"]])
        r = run("--labels", self.labels, "--out", self.out, m1, m2)
        self.assertNotEqual(0, r.returncode)
        self.assertIn("m1.csv:3: 'clips/c.mp3' is neither a file nor a clip id", r.stderr)

    def test_one_member_is_not_an_ensemble(self):
        m1 = self.write("m1.csv", [["clip_id", "e0"], ["a", "1"], ["b", "1"]])
        r = run("--labels", self.labels, "--out", self.out, m1)
        self.assertNotEqual(0, r.returncode)
        self.assertIn("at least two", r.stderr)


if __name__ == "__main__":
    unittest.main()
