"""tools/score_seeds.sh: what it scores per seed, where it writes, and that a second run redoes nothing.

The real steps train nothing but take minutes per seed, so the script runs from a copy beside a stub
validation_sets.py, with a stub `java` first on PATH that logs its arguments and writes the --json file.
"""
import os
import shutil
import subprocess
import tempfile
import unittest

import tooltest

SCRIPT = os.path.join(tooltest.TOOLS, "score_seeds.sh")
SETS_STUB = """#!/usr/bin/env python3
import os, sys
args = sys.argv[1:]
with open(os.environ["STUB_LOG"], "a") as f:
    f.write("validation_sets.py " + " ".join(args) + "\\n")
out = args[args.index("--out") + 1]
for name in ("gamemusic", "mer4q"):
    os.makedirs(os.path.join(out, name))
"""
JAVA_STUB = """#!/usr/bin/env bash
echo "java $*" >> "$STUB_LOG"
echo "progress 1/2 files" >&2
if [ -n "${FAIL_ON:-}" ] && [[ "$*" == *"$FAIL_ON"* ]]; then echo "the model could not be read" >&2; exit 1; fi
while [ $# -gt 0 ]; do
  if [ "$1" = --json ]; then echo '{"tasks": {}}' > "$2"; fi
  shift
done
"""


class ScoreSeedsTest(unittest.TestCase):

    def setUp(self):
        self.dir = tempfile.TemporaryDirectory()
        d = self.dir.name
        self.tools = os.path.join(d, "repo", "tools")
        os.makedirs(self.tools)
        shutil.copy(SCRIPT, self.tools)
        with open(os.path.join(self.tools, "validation_sets.py"), "w") as f:
            f.write(SETS_STUB)
        self.bin = os.path.join(d, "bin")
        os.mkdir(self.bin)
        with open(os.path.join(self.bin, "java"), "w") as f:
            f.write(JAVA_STUB)
        os.chmod(os.path.join(self.bin, "java"), 0o755)
        self.jar = os.path.join(d, "cli.jar")
        open(self.jar, "w").close()
        self.root = os.path.join(d, "root")
        os.makedirs(os.path.join(self.root, "valst"))
        self.run_dir = os.path.join(d, "run")
        for s in (1, 2):
            os.makedirs(os.path.join(self.run_dir, f"seed-{s}", "model"))
        self.out = os.path.join(d, "scores")
        self.log = os.path.join(d, "calls.log")

    def tearDown(self):
        self.dir.cleanup()

    def run_script(self, *extra, fail_on=""):
        env = dict(os.environ, STUB_LOG=self.log, PATH=self.bin + os.pathsep + os.environ["PATH"], FAIL_ON=fail_on)
        done = subprocess.run(["bash", os.path.join(self.tools, "score_seeds.sh"), "--root", self.root,
                               "--jar", self.jar, *extra, self.run_dir, self.out],
                              capture_output=True, text=True, env=env)
        if not os.path.exists(self.log):
            return done, []
        with open(self.log) as f:
            return done, f.read().splitlines()

    def test_scores_every_seed_on_its_cuts_and_the_validation_soundtracks(self):
        done, calls = self.run_script("--data", "/sets/mer4q", "--data", "/sets/gamemusic")
        self.assertEqual(0, done.returncode, done.stderr)
        self.assertEqual(6, len(calls), calls)  # per seed: the sets, the cuts, the validation soundtracks
        seed1 = os.path.join(self.run_dir, "seed-1")
        sets1 = os.path.join(self.out, "seed-1", "sets")
        self.assertEqual(f"validation_sets.py {seed1} --data /sets/mer4q --data /sets/gamemusic --out {sets1}",
                         calls[0])
        self.assertIn(f"eval --data {sets1}/gamemusic --data {sets1}/mer4q --model {seed1}/model", calls[1])
        self.assertIn(f"--json {self.out}/seed-1/cuts.json.tmp", calls[1])
        self.assertIn(f"eval --data {self.root}/valst --model {seed1}/model", calls[2])
        for s in (1, 2):
            for name in ("cuts.json", "valst.json"):
                self.assertTrue(os.path.isfile(os.path.join(self.out, f"seed-{s}", name)))
        self.assertFalse(any(f.endswith(".tmp") for _, _, fs in os.walk(self.out) for f in fs))

    def test_held_out_soundtracks_are_scored_when_present(self):
        os.makedirs(os.path.join(self.root, "heldout-st"))
        done, calls = self.run_script()
        self.assertEqual(0, done.returncode, done.stderr)
        self.assertEqual(8, len(calls), calls)
        self.assertIn(f"eval --data {self.root}/heldout-st", calls[3])
        self.assertIn(f"--data {self.root}/gametracks --data {self.root}/moretracks", calls[0])  # v5's sets

    def test_a_second_run_keeps_what_is_written(self):
        self.run_script()
        os.remove(self.log)
        os.remove(os.path.join(self.out, "seed-2", "valst.json"))
        done, calls = self.run_script()
        self.assertEqual(0, done.returncode, done.stderr)
        self.assertEqual(1, len(calls), calls)
        self.assertIn("seed-2/valst.json.tmp", calls[0])

    def test_progress_is_kept_out_of_the_way_and_a_failing_eval_is_shown(self):
        done, _ = self.run_script(fail_on="seed-2/model")
        self.assertEqual(1, done.returncode)
        self.assertIn("the model could not be read", done.stderr)
        self.assertIn(f"eval failed for {self.out}/seed-2/cuts.json", done.stderr)
        self.assertFalse(os.path.exists(os.path.join(self.out, "seed-2", "cuts.json")))
        done, _ = self.run_script()
        self.assertEqual(0, done.returncode, done.stderr)
        self.assertNotIn("progress", done.stderr)

    def test_a_seed_without_a_model_is_named(self):
        shutil.rmtree(os.path.join(self.run_dir, "seed-2", "model"))
        done, _ = self.run_script()
        self.assertEqual(1, done.returncode)
        self.assertIn("seed-2/model not found; has seed-2 finished training?", done.stderr)

    def test_missing_validation_soundtracks_are_named_with_the_command_that_builds_them(self):
        os.rmdir(os.path.join(self.root, "valst"))
        done, calls = self.run_script()
        self.assertEqual(2, done.returncode)
        self.assertIn("tools/prepare_training_sets.sh", done.stderr)
        self.assertEqual([], calls)


if __name__ == "__main__":
    unittest.main()
