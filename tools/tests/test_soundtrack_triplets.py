"""tools/soundtrack_triplets.py: a set's soundtrack and track test triplets, drawn reproducibly."""
import collections
import os
import tempfile
import unittest

import tooltest

run = tooltest.runner("soundtrack_triplets.py")
rows = tooltest.read_rows


def labels_text(spec, extra=()):
    """spec: {soundtrack: tracks}; two excerpts (.a, .b) per track, all split=test."""
    lines = ["clip_id,file,track_id,soundtrack,split"]
    for s, tracks in spec.items():
        for t in range(tracks):
            for x in "ab":
                lines.append(f"{s}--t{t}.{x},clips/{s}--t{t}.{x}.wav,{s}--t{t},{s},test")
    lines.extend(extra)
    return "\n".join(lines) + "\n"


class SoundtrackTripletsTest(unittest.TestCase):

    def setUp(self):
        self.dir = tempfile.TemporaryDirectory()
        self.set = self.dir.name

    def tearDown(self):
        self.dir.cleanup()

    def write(self, text):
        with open(os.path.join(self.set, "labels.csv"), "w", encoding="utf-8") as f:
            f.write(text)

    def labels(self):
        return {r["clip_id"]: r for r in rows(os.path.join(self.set, "labels.csv"))}

    def triplets(self, task):
        return rows(os.path.join(self.set, "triplets", task + ".csv"))

    def test_every_row_follows_its_task_rule(self):
        # a train clip of a third soundtrack must never appear: triplets come from test clips only
        self.write(labels_text({"a": 3, "b": 4, "c": 1}, ["z--t0.a,clips/z.wav,z--t0,z,train"]))
        r = run(self.set, "--count", "50")
        self.assertEqual(r.returncode, 0, r.stderr)
        lab = self.labels()
        st, tr = self.triplets("soundtrack"), self.triplets("track")
        self.assertEqual(50, len(st))
        self.assertEqual(50, len(tr))
        for t in st:
            a, p, n = lab[t["anchor"]], lab[t["positive"]], lab[t["negative"]]
            self.assertEqual(a["soundtrack"], p["soundtrack"], t)
            self.assertNotEqual(a["track_id"], p["track_id"], t)
            self.assertNotEqual(a["soundtrack"], n["soundtrack"], t)
        for t in tr:
            a, p, n = lab[t["anchor"]], lab[t["positive"]], lab[t["negative"]]
            self.assertEqual(a["track_id"], p["track_id"], t)
            self.assertNotEqual(a["clip_id"], p["clip_id"], t)
            self.assertNotEqual(a["soundtrack"], n["soundtrack"], t)
        used = {c for t in st + tr for c in t.values()}
        self.assertNotIn("z--t0.a", used)
        # c has a single track: never a soundtrack anchor, but it may be a track anchor or a negative
        self.assertFalse(any(lab[t["anchor"]]["soundtrack"] == "c" for t in st))
        self.assertEqual(len(st), len({tuple(t.values()) for t in st}), "a triplet was drawn twice")
        self.assertEqual(len(tr), len({tuple(t.values()) for t in tr}), "a triplet was drawn twice")

    def test_anchors_follow_the_soundtracks_share_of_clips(self):
        self.write(labels_text({"small": 20, "big": 80}))
        r = run(self.set, "--count", "1000")
        self.assertEqual(r.returncode, 0, r.stderr)
        lab = self.labels()
        per = collections.Counter(lab[t["anchor"]]["soundtrack"] for t in self.triplets("track"))
        self.assertAlmostEqual(0.8, per["big"] / 1000, delta=0.05)  # 160 of 200 clips

    def test_the_same_seed_gives_the_same_files_and_another_seed_others(self):
        self.write(labels_text({"a": 3, "b": 3, "c": 2}))
        self.assertEqual(run(self.set, "--count", "40", "--seed", "7").returncode, 0)
        first = (self.triplets("soundtrack"), self.triplets("track"))
        self.assertEqual(run(self.set, "--count", "40", "--seed", "7").returncode, 0)
        self.assertEqual(first, (self.triplets("soundtrack"), self.triplets("track")))
        self.assertEqual(run(self.set, "--count", "40", "--seed", "8").returncode, 0)
        self.assertNotEqual(first[0], self.triplets("soundtrack"))
        self.assertFalse([f for f in os.listdir(os.path.join(self.set, "triplets")) if f.endswith(".tmp")])

    def test_a_set_with_one_soundtrack_is_refused(self):
        self.write(labels_text({"a": 4}))
        r = run(self.set)
        self.assertEqual(2, r.returncode)
        self.assertIn("at least 2", r.stderr)
        self.assertFalse(os.path.exists(os.path.join(self.set, "triplets")))

    def test_a_set_without_a_soundtrack_of_two_tracks_is_refused(self):
        self.write(labels_text({"a": 1, "b": 1, "c": 1}))
        r = run(self.set)
        self.assertEqual(2, r.returncode)
        self.assertIn("no soundtrack has two tracks", r.stderr)
        self.assertFalse(os.path.exists(os.path.join(self.set, "triplets")))

    def test_a_missing_column_is_named(self):
        self.write("clip_id,file,soundtrack\nx,clips/x.wav,a\n")
        r = run(self.set)
        self.assertEqual(2, r.returncode)
        self.assertIn("labels.csv: no 'track_id' column", r.stderr)

    def test_more_triplets_than_exist_is_refused(self):
        self.write(labels_text({"a": 2, "b": 1}))  # soundtrack: 4 anchors x 2 positives x 2 negatives = 16
        r = run(self.set, "--count", "17")
        self.assertEqual(2, r.returncode)
        self.assertIn("only 16 distinct triplets", r.stderr)


if __name__ == "__main__":
    unittest.main()
