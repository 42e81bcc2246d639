"""tools/prepare_full_tracks.sh: waiting for another apt-get instead of failing on its lock.

The script installs ffmpeg and friends when they are missing; on a machine where another apt-get runs (a CI run's
installs, unattended upgrades) `apt-get update` fails at once on the package lists' lock. The script is run with a
PATH that lacks ffprobe and has a stub apt-get that fails like the real one while "locked", and an install that
stops the script, so nothing is downloaded.
"""
import os
import subprocess
import tempfile
import unittest

import tooltest

SCRIPT = os.path.join(tooltest.TOOLS, "prepare_full_tracks.sh")
APT_STUB = """#!/bin/bash
echo "apt-get $*" >> "$STUB_LOG"
if [[ " $* " == *" update "* ]]; then
  n=$(cat "$STUB_COUNT" 2>/dev/null || echo 0); echo $((n + 1)) > "$STUB_COUNT"
  if [ "$n" -lt "$LOCKED_CALLS" ]; then
    echo "E: Could not get lock /var/lib/apt/lists/lock. It is held by process 4242 (apt-get)" >&2
    echo "E: Unable to lock directory /var/lib/apt/lists/" >&2
    exit 100
  fi
  exit 0
fi
exit 7  # install: stop the script here
"""


class AptLockTest(unittest.TestCase):

    def setUp(self):
        self.dir = tempfile.TemporaryDirectory()
        self.bin = os.path.join(self.dir.name, "bin")
        os.mkdir(self.bin)
        # every command of the machine but ffprobe (so the script wants to install it) and apt-get (the stub)
        for d in ("/usr/local/bin", "/usr/bin", "/bin"):
            for name in os.listdir(d) if os.path.isdir(d) else []:
                link = os.path.join(self.bin, name)
                if name in ("ffprobe", "apt-get") or os.path.lexists(link):
                    continue
                os.symlink(os.path.join(d, name), link)
        with open(os.path.join(self.bin, "apt-get"), "w") as f:
            f.write(APT_STUB)
        os.chmod(os.path.join(self.bin, "apt-get"), 0o755)
        self.log = os.path.join(self.dir.name, "apt.log")
        self.labels = os.path.join(self.dir.name, "labels.csv")
        with open(self.labels, "w") as f:
            f.write("clip,soundtrack\n")

    def tearDown(self):
        self.dir.cleanup()

    def run_script(self, locked_calls, wait):
        env = {"PATH": self.bin, "HOME": self.dir.name, "STUB_LOG": self.log, "LOCKED_CALLS": str(locked_calls),
               "STUB_COUNT": os.path.join(self.dir.name, "count"), "APT_LOCK_WAIT": str(wait), "APT_LOCK_POLL": "1"}
        done = subprocess.run(["bash", SCRIPT, os.path.join(self.dir.name, "out"), "--labels", self.labels],
                              capture_output=True, text=True, env=env, timeout=60)
        calls = open(self.log).read().splitlines() if os.path.exists(self.log) else []
        return done, calls

    def test_waits_for_the_lists_lock_then_installs(self):
        done, calls = self.run_script(locked_calls=2, wait=30)
        self.assertEqual(["apt-get update -qq"] * 3, calls[:3])
        self.assertIn("install", calls[3])
        self.assertIn("DPkg::Lock::Timeout=30", calls[3])
        self.assertIn("locked by another apt-get; waiting up to 30s", done.stderr)
        self.assertNotIn("Could not get lock", done.stderr)
        self.assertNotEqual(0, done.returncode)  # the stub's install stops it

    def test_gives_up_after_the_wait_and_shows_apts_error(self):
        done, calls = self.run_script(locked_calls=1000, wait=2)
        self.assertNotEqual(0, done.returncode)
        self.assertIn("Could not get lock /var/lib/apt/lists/lock", done.stderr)
        self.assertFalse(any("install" in c for c in calls), calls)
        self.assertEqual(3, len(calls), calls)  # at 0, 1 and 2 s


if __name__ == "__main__":
    unittest.main()
