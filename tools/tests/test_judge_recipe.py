"""tools/judge_recipe.py: paired differences by seed, and the two rules' bounds."""
import json
import os
import tempfile
import unittest

from tooltest import runner

run = runner("judge_recipe.py")

BASE = {"mer4q/mood": 70.0, "mer4q/artist": 80.0, "mer4q/genre": 70.0, "gamemusic/album": 60.0}


class JudgeRecipeTest(unittest.TestCase):

    def setUp(self):
        self.dir = tempfile.TemporaryDirectory()

    def tearDown(self):
        self.dir.cleanup()

    def recipe(self, name, seeds, parts=None, s=60.0, v=70.0, tweak=None):
        """A recipe's seeds.json and per-seed eval files; tweak(seed, parts) changes one seed's parts."""
        run_dir = os.path.join(self.dir.name, name)
        os.makedirs(run_dir)
        runs = []
        for seed in seeds:
            p = dict(parts or BASE)
            if tweak:
                tweak(seed, p)
            runs.append({"seed": seed, "validation": {k: x / 100 for k, x in p.items()},
                         "test": {"mer4q/mood": 0.70 + seed / 100}})
            # two other-track parts whose mean is s (S), and a track task V must not be read from
            self.eval_json(f"{run_dir}/cuts-{seed}.json", {"gamemusic/album-other-track": s - 1,
                                                           "moretracks/album-other-track": s + 1,
                                                           "gamemusic/track": 99.0})
            self.eval_json(f"{run_dir}/valst-{seed}.json", {"valst/soundtrack": v, "valst/track": 10.0})
        with open(f"{run_dir}/seeds.json", "w", encoding="utf-8") as f:
            json.dump({"runs": runs}, f)
        return [run_dir, f"{run_dir}/cuts-{{seed}}.json", f"{run_dir}/valst-{{seed}}.json"]

    @staticmethod
    def eval_json(path, tasks):
        with open(path, "w", encoding="utf-8") as f:
            json.dump({"systems": [{"name": "x", "tasks": {k: {"accuracy": x / 100, "count": 1000}
                                                           for k, x in tasks.items()}}]}, f)

    def judge(self, cand, base, *extra):
        return run("--candidate", *cand, "--baseline", *base, *extra)

    def test_a_mood_gain_that_costs_nothing_is_adopted_by_the_mood_rule_only(self):
        base = self.recipe("base", [1, 2, 3])
        cand = self.recipe("cand", [1, 2, 3], parts={**BASE, "mer4q/mood": 71.5})
        out = self.judge(cand, base)
        self.assertEqual(0, out.returncode, out.stderr)
        self.assertIn("| M: mer4q/mood | +1.50 | +1.50 | +1.50 | +1.50 (3 of 3 ahead) |", out.stdout)
        self.assertIn("mood rule: ADOPTED", out.stdout)
        self.assertIn("soundtrack rule: not adopted (fails mean(S, V) >= +1.0)", out.stdout)

    def test_a_genre_loss_past_two_points_fails_the_mood_rule_and_is_named(self):
        base = self.recipe("base", [1, 2, 3])
        # genre -1.9, -1.9 and -2.3 on the three seeds: mean -2.03
        cand = self.recipe("cand", [1, 2, 3], parts={**BASE, "mer4q/mood": 72.0},
                           tweak=lambda seed, p: p.update({"mer4q/genre": 67.7 if seed == 3 else 68.1}))
        out = self.judge(cand, base, "--rule", "mood")
        self.assertIn("| mer4q/genre | -1.90 | -1.90 | -2.30 | -2.03 (0 of 3 ahead) |", out.stdout)
        self.assertIn("mood rule: not adopted (fails genre >= -2)", out.stdout)
        self.assertNotIn("soundtrack rule", out.stdout)

    def test_a_mean_at_the_bound_passes_as_printed(self):
        base = self.recipe("base", [1, 2, 3], parts={**BASE, "mer4q/genre": 70.4})
        # genre 67.0667 - 70.4, 69.3333 - 70.4 and 68.8 - 70.4: -3.33, -1.07 and -1.60, a mean of -2.00
        genre = {1: 67.0667, 2: 69.3333, 3: 68.8}
        cand = self.recipe("cand", [1, 2, 3], parts={**BASE, "mer4q/mood": 72.0},
                           tweak=lambda seed, p: p.update({"mer4q/genre": genre[seed]}))
        out = self.judge(cand, base, "--rule", "mood")
        self.assertIn("| mer4q/genre | -3.33 | -1.07 | -1.60 | -2.00 (0 of 3 ahead) |", out.stdout)
        self.assertIn("mood rule: ADOPTED", out.stdout)

    def test_the_soundtrack_rule_reads_the_other_track_parts_and_the_soundtrack_task(self):
        base = self.recipe("base", [0, 1, 2])
        cand = self.recipe("cand", [0, 1, 2], s=61.0, v=71.2)
        out = self.judge(cand, base)
        self.assertIn("| S: other-track parts | +1.00 | +1.00 | +1.00 | +1.00 (3 of 3 ahead) |", out.stdout)
        self.assertIn("| V: validation soundtracks | +1.20 | +1.20 | +1.20 | +1.20 (3 of 3 ahead) |", out.stdout)
        self.assertIn("soundtrack rule: ADOPTED", out.stdout)
        self.assertIn("mood rule: not adopted (fails M >= +1.0)", out.stdout)

    def test_only_the_seeds_both_recipes_ran_are_paired(self):
        base = self.recipe("base", [0, 1, 2, 3])
        cand = self.recipe("cand", [1, 2, 3, 4], tweak=lambda seed, p: p.update({"mer4q/mood": 70.0 + seed}))
        out = self.judge(cand, base)
        self.assertIn("| | seed 1 | seed 2 | seed 3 | mean |", out.stdout)
        self.assertIn("| M: mer4q/mood | +1.00 | +2.00 | +3.00 | +2.00 (3 of 3 ahead) |", out.stdout)
        self.assertIn("mer4q/mood 72.5 ± 1.3", out.stdout)  # the candidate's four seeds' test, reported

    def test_a_missing_eval_file_names_the_file_and_what_to_run(self):
        base = self.recipe("base", [0, 1, 2])
        cand = self.recipe("cand", [0, 1, 2])
        os.remove(cand[1].replace("{seed}", "1"))
        out = self.judge(cand, base)
        self.assertEqual(2, out.returncode)
        self.assertIn("cuts-1.json", out.stderr)
        self.assertIn("run eval --json", out.stderr)

    def test_an_eval_file_without_other_track_parts_is_refused(self):
        base = self.recipe("base", [0, 1, 2])
        cand = self.recipe("cand", [0, 1, 2])
        self.eval_json(cand[1].replace("{seed}", "0"), {"gamemusic/track": 90.0})
        out = self.judge(cand, base)
        self.assertEqual(2, out.returncode)
        self.assertIn("no task ending in '/album-other-track'", out.stderr)

    def probe(self, name, seeds, parts, s=60.0, v=70.0, test=None):
        """A folder of model copies without seeds.json: seed-N folders, and cuts files that hold the validation
        parts beside the other-track cuts, as tools/score_seeds.sh writes them."""
        run_dir = os.path.join(self.dir.name, name)
        for seed in seeds:
            os.makedirs(f"{run_dir}/seed-{seed}/model")
            self.eval_json(f"{run_dir}/cuts-{seed}.json", {**parts, "gamemusic/album-other-track": s})
            self.eval_json(f"{run_dir}/valst-{seed}.json", {"valst/soundtrack": v})
            if test:
                self.eval_json(f"{run_dir}/seed-{seed}/test-eval.json", test)
        return [run_dir, f"{run_dir}/cuts-{{seed}}.json", f"{run_dir}/valst-{{seed}}.json"]

    def test_a_folder_without_seeds_json_is_read_from_its_cuts_files(self):
        base = self.recipe("base", [1, 2, 3])
        cand = self.probe("probe", [1, 2, 3], parts={**BASE, "mer4q/mood": 69.0, "gamemusic/album": 58.0},
                          s=59.0, test={"mer4q/mood": 70.0})
        out = self.judge(cand, base)
        self.assertEqual(0, out.returncode, out.stderr)
        self.assertIn("has no seeds.json", out.stderr)
        self.assertIn("| M: mer4q/mood | -1.00 | -1.00 | -1.00 | -1.00 (0 of 3 ahead) |", out.stdout)
        self.assertIn("| S: other-track parts | -1.00 | -1.00 | -1.00 | -1.00 (0 of 3 ahead) |", out.stdout)
        # A: the four parts' mean, mood -1 and album -2, not the other-track cut
        self.assertIn("| A: mean of the validation parts | -0.75 | -0.75 | -0.75 | -0.75 (0 of 3 ahead) |", out.stdout)
        self.assertIn("candidate's test (reported, not judged): mer4q/mood 70.0 ± 0.0", out.stdout)

    def test_a_folder_with_neither_seeds_json_nor_seed_folders_is_refused(self):
        base = self.recipe("base", [1, 2, 3])
        empty = os.path.join(self.dir.name, "empty")
        os.makedirs(empty)
        out = self.judge([empty, f"{empty}/c-{{seed}}.json", f"{empty}/v-{{seed}}.json"], base)
        self.assertEqual(2, out.returncode)
        self.assertIn("neither seeds.json nor a seed-N folder", out.stderr)


if __name__ == "__main__":
    unittest.main()
