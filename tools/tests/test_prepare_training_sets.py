"""tools/prepare_training_sets.sh: the order of its steps, their arguments, and what a failing step does.

The real steps download gigabytes, so the script is run from a copy beside stub tools that log their arguments.
"""
import os
import shutil
import subprocess
import tempfile
import unittest

import tooltest

SCRIPT = os.path.join(tooltest.TOOLS, "prepare_training_sets.sh")
STUBS = ["prepare_full_tracks.sh", "make_track_excerpts.py", "prepare_more_tracks.py", "soundtrack_triplets.py"]
STUB = """#!/usr/bin/env bash
echo "$(basename "$0") $*" >> "$STUB_LOG"
if [ -n "${FAIL_ON:-}" ] && [[ "$(basename "$0") $*" == *"$FAIL_ON"* ]]; then exit 3; fi
"""


class PrepareTrainingSetsTest(unittest.TestCase):

    def setUp(self):
        self.dir = tempfile.TemporaryDirectory()
        self.tools = os.path.join(self.dir.name, "tools")
        os.mkdir(self.tools)
        shutil.copy(SCRIPT, self.tools)
        for name in STUBS:
            path = os.path.join(self.tools, name)
            with open(path, "w") as f:
                f.write(STUB)
            os.chmod(path, 0o755)
        self.log = os.path.join(self.dir.name, "calls.log")

    def tearDown(self):
        self.dir.cleanup()

    def run_script(self, *args, fail_on=""):
        env = dict(os.environ, STUB_LOG=self.log, FAIL_ON=fail_on)
        # the python steps run the stub through bash, whatever interpreter the script names
        env["PATH"] = self.fake_python() + os.pathsep + env["PATH"]
        done = subprocess.run(["bash", os.path.join(self.tools, "prepare_training_sets.sh"), *args],
                              capture_output=True, text=True, env=env)
        calls = open(self.log).read().splitlines() if os.path.exists(self.log) else []
        return done, calls

    def fake_python(self):
        bin_dir = os.path.join(self.dir.name, "bin")
        os.makedirs(bin_dir, exist_ok=True)
        path = os.path.join(bin_dir, "python3")
        with open(path, "w") as f:
            f.write('#!/usr/bin/env bash\nexec bash "$@"\n')
        os.chmod(path, 0o755)
        return bin_dir

    def test_builds_the_sets_in_dependency_order(self):
        root = os.path.join(self.dir.name, "data")
        done, calls = self.run_script(root)
        self.assertEqual(0, done.returncode, done.stderr)
        self.assertEqual([
            f"prepare_full_tracks.sh {root}/fulltracks",
            f"make_track_excerpts.py --full {root}/fulltracks --out {root}/gametracks",
            f"prepare_more_tracks.py --out {root}/moretracks",
            f"prepare_more_tracks.py --manifest {self.tools}/validation-soundtracks.tsv --out {root}/valst --as-test",
            f"soundtrack_triplets.py {root}/valst",
            f"prepare_more_tracks.py --manifest {self.tools}/heldout-soundtracks.tsv --out {root}/heldout-st --as-test",
            f"soundtrack_triplets.py {root}/heldout-st",
        ], calls)

    def test_no_heldout_skips_the_test_soundtracks(self):
        done, calls = self.run_script("--no-heldout", os.path.join(self.dir.name, "data"))
        self.assertEqual(0, done.returncode, done.stderr)
        self.assertEqual(5, len(calls))
        self.assertFalse(any("heldout" in c for c in calls), calls)

    def test_a_failing_step_stops_the_script_and_is_named(self):
        done, calls = self.run_script(os.path.join(self.dir.name, "data"), fail_on="moretracks")
        self.assertEqual(1, done.returncode)
        self.assertIn("step 'gamemusic-more", done.stderr)
        self.assertIn("run the script again to continue", done.stderr)
        self.assertEqual(3, len(calls), calls)

    def test_unknown_option_is_refused(self):
        done, calls = self.run_script("--heldout")
        self.assertEqual(2, done.returncode)
        self.assertIn("unknown option --heldout", done.stderr)
        self.assertEqual([], calls)

    def test_help_prints_the_usage(self):
        done, _ = self.run_script("--help")
        self.assertEqual(0, done.returncode)
        self.assertIn("Usage: tools/prepare_training_sets.sh", done.stdout)


if __name__ == "__main__":
    unittest.main()
