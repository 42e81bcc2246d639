"""tools/compare_recipes.py: seeds.json and Markdown seed tables give the same comparison."""
import json
import os
import subprocess
import sys
import tempfile
import unittest

TOOL = os.path.join(os.path.dirname(__file__), "..", "compare_recipes.py")

DOC = """# Runs

## Recipe X (first)

| seed | best epoch | val all | val a/artist | val b/track | test a/artist | test b/track |
|---|---:|---:|---:|---:|---:|---:|
| 0 | 3 | 80.0 | 70.0 | 90.0 | 60.0 | 80.0 |
| 1 (chosen) | 4 | 82.0 | 74.0 | 90.0 | 64.0 | 82.0 |
| mean ± sd (n = 2) | | 81.0 ± 1.4 | 72.0 ± 2.8 | 90.0 ± 0.0 | 62.0 ± 2.8 | 81.0 ± 1.4 |

## Recipe Y

| seed | best epoch | val all | val a/artist | val b/track | val c/mood | test a/artist | test b/track |
|---|---:|---:|---:|---:|---:|---:|---:|
| 0 | 5 | 85.0 | 80.0 | 92.0 | 50.0 | 70.0 | 85.0 |
"""


def run(*args):
    return subprocess.run([sys.executable, TOOL, *args], capture_output=True, text=True)


class CompareRecipesTest(unittest.TestCase):

    def setUp(self):
        self.dir = tempfile.TemporaryDirectory()
        self.doc = os.path.join(self.dir.name, "runs.md")
        with open(self.doc, "w", encoding="utf-8") as f:
            f.write(DOC)

    def tearDown(self):
        self.dir.cleanup()

    def row(self, out, name):
        return next(l for l in out.splitlines() if l.startswith(f"| {name} |"))

    def test_a_section_of_a_document_reads_like_its_seeds_json(self):
        path = os.path.join(self.dir.name, "seeds.json")
        with open(path, "w", encoding="utf-8") as f:
            json.dump({"runs": [
                {"seed": 0, "validation": {"all": 0.80, "a/artist": 0.70, "b/track": 0.90},
                 "test": {"a/artist": 0.60, "b/track": 0.80}},
                {"seed": 1, "validation": {"all": 0.82, "a/artist": 0.74, "b/track": 0.90},
                 "test": {"a/artist": 0.64, "b/track": 0.82}}]}, f)
        r = run(f"md={self.doc}#Recipe X", f"json={path}")
        self.assertEqual(r.returncode, 0, r.stderr)
        md, js = self.row(r.stdout, "md"), self.row(r.stdout, "json")
        self.assertEqual(md.split("|")[2:], js.split("|")[2:])
        # mean of the shared parts per run: (70+90)/2 = 80 and (74+90)/2 = 82; the mean ± sd row is not a run
        self.assertIn("| md | 2 | 81.0 ± 1.4 | 72.0 ± 2.8 | 90.0 ± 0.0 | 62.0 ± 2.8 | 81.0 ± 1.4 |", r.stdout)

    def test_recipes_compare_on_the_parts_they_share_only(self):
        r = run(f"x={self.doc}#Recipe X", f"y={self.doc}#Recipe Y")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertNotIn("c/mood", r.stdout.splitlines()[0])
        self.assertIn("| y | 1 | 86.0 | 80.0 | 92.0 | 70.0 | 85.0 |", r.stdout)

    def test_seeds_are_paired_against_the_first_recipe(self):
        r = run(f"x={self.doc}#Recipe X", f"y={self.doc}#Recipe Y")
        self.assertEqual(r.returncode, 0, r.stderr)
        # shared parts a/artist and b/track: x has seeds 0 (80.0) and 1 (82.0), y seed 0 only (86.0)
        self.assertIn("| x | 80.00 | 82.00 |  |", r.stdout)
        self.assertIn("| y | 86.00 | – | +6.00 (mean +6.00, 1 of 1 seeds ahead) |", r.stdout)

    def test_parts_limits_the_comparison_to_the_named_parts(self):
        r = run(f"x={self.doc}#Recipe X", f"y={self.doc}#Recipe Y", "--parts", "a/artist")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertNotIn("b/track", r.stdout.splitlines()[0].replace("test b/track", ""))
        self.assertIn("| y | 80.00 | – | +10.00 (mean +10.00, 1 of 1 seeds ahead) |", r.stdout)
        r = run(f"x={self.doc}#Recipe X", f"y={self.doc}#Recipe Y", "--parts", "a/artist,c/mood")
        self.assertNotEqual(r.returncode, 0)
        self.assertIn("not a validation part of every recipe: c/mood", r.stderr)

    def test_a_section_without_a_table_does_not_borrow_the_next_one(self):
        with open(self.doc, "a", encoding="utf-8") as f:
            f.write("\n## Notes\n\nNo runs here.\n\n## Recipe Z\n\n" + DOC.split("## Recipe Y")[1].split("\n", 2)[2])
        r = run(f"n={self.doc}#Notes")
        self.assertNotEqual(r.returncode, 0)
        self.assertIn("no '| seed |' table under 'Notes'", r.stderr)
        self.assertEqual(run(f"z={self.doc}#Recipe Z").returncode, 0)

    def test_eval_json_files_per_seed_are_a_recipe_without_test_columns(self):
        for seed, (mine, other) in enumerate([(0.70, 0.50), (0.80, 0.55)]):
            with open(os.path.join(self.dir.name, f"cand-{seed}.json"), "w", encoding="utf-8") as f:
                json.dump({"systems": [
                    {"system": "bliss.csv (euclidean)", "tasks": {"a/artist": {"accuracy": other}}},
                    {"system": "seed-0/model", "tasks": {"a/artist": {"accuracy": mine}}}]}, f)
            with open(os.path.join(self.dir.name, f"base-{seed}.json"), "w", encoding="utf-8") as f:
                json.dump({"system": "seed-0/model", "tasks": {"a/artist": {"accuracy": 0.60 + seed / 100}}}, f)
        pattern = os.path.join(self.dir.name, "{}-{{seed}}.json")
        r = run("base=" + pattern.format("base"), "cand=" + pattern.format("cand") + "#/model")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("| cand | 2 | 75.0 ± 7.1 | 75.0 ± 7.1 |", r.stdout)
        self.assertIn("+10.00 / +19.00 (mean +14.50, 2 of 2 seeds ahead)", r.stdout)
        r = run("cand=" + pattern.format("cand") + "#nothing")
        self.assertNotEqual(r.returncode, 0)
        self.assertIn("no system named like 'nothing'", r.stderr)
        r = run("none=" + pattern.format("none"))
        self.assertIn("no file matches", r.stderr)

    def test_a_heading_that_is_not_there_is_named(self):
        r = run(f"w={self.doc}#Recipe W")
        self.assertNotEqual(r.returncode, 0)
        self.assertIn("no heading starting with 'Recipe W'", r.stderr)


if __name__ == "__main__":
    unittest.main()
