"""tools/teacher_csv.py: per-set vector CSVs joined into one teacher CSV."""
import csv
import os
import tempfile
import unittest

import tooltest

run = tooltest.runner("teacher_csv.py")


class TeacherCsvTest(unittest.TestCase):

    def setUp(self):
        self.dir = tempfile.TemporaryDirectory()
        self.out = os.path.join(self.dir.name, "teacher.csv")
        header = ["clip_id", "tempo", "chroma1", "chroma2"]
        self.a = self.write("a.csv", [header, ["x", "120", "1", "2"], ["y", "60", "3", "6"]])
        self.b = self.write("b.csv", [header, ["x", "90", "5", "10"]])

    def tearDown(self):
        self.dir.cleanup()

    def write(self, name, rows):
        return tooltest.write_rows(os.path.join(self.dir.name, name), rows)

    def read_out(self):
        with open(self.out, newline="") as f:
            return list(csv.reader(f))

    def test_rows_are_keyed_by_set_and_clip(self):
        r = run("--out", self.out, f"one={self.a}", f"two={self.b}")
        self.assertEqual(0, r.returncode, r.stderr)
        rows = self.read_out()
        self.assertEqual(["one/x", "one/y", "two/x"], [row[0] for row in rows[1:]])
        self.assertEqual([120.0, 1.0, 2.0], [float(v) for v in rows[1][1:]])

    def test_columns_keeps_the_named_ones_by_pattern_in_the_inputs_order(self):
        r = run("--columns", "chroma*", "--out", self.out, f"one={self.a}", f"two={self.b}")
        self.assertEqual(0, r.returncode, r.stderr)
        rows = self.read_out()
        self.assertEqual(["clip_id", "chroma1", "chroma2"], rows[0])
        self.assertEqual([5.0, 10.0], [float(v) for v in rows[3][1:]])
        r = run("--columns", "chroma2,tempo", "--out", self.out, f"one={self.a}")
        self.assertEqual(["clip_id", "tempo", "chroma2"], self.read_out()[0])

    def test_columns_are_chosen_before_standardising(self):
        r = run("--columns", "chroma1", "--standardise", "--out", self.out, f"one={self.a}", f"two={self.b}")
        self.assertEqual(0, r.returncode, r.stderr)
        values = [float(row[1]) for row in self.read_out()[1:]]
        self.assertAlmostEqual(0.0, sum(values), places=9)
        self.assertAlmostEqual(1.0, sum(v * v for v in values) / len(values), places=9)

    def test_a_pattern_naming_no_column_stops_the_tool_and_writes_nothing(self):
        r = run("--columns", "chroma*,mfcc*", "--out", self.out, f"one={self.a}")
        self.assertNotEqual(0, r.returncode)
        self.assertIn("'mfcc*' names no column", r.stderr)
        self.assertIn("tempo, chroma1, chroma2", r.stderr)
        self.assertFalse(os.path.exists(self.out))
        r = run("--columns", "chroma1,", "--out", self.out, f"one={self.a}")
        self.assertNotEqual(0, r.returncode)
        self.assertIn("empty name", r.stderr)


if __name__ == "__main__":
    unittest.main()
