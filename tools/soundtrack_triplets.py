#!/usr/bin/env python3
"""Draws a set's fixed `soundtrack` and `track` test triplets from its labels.csv, reproducibly.

A set of excerpts of game soundtracks (labels.csv with track_id and soundtrack, as gamemusic's) gets the same
two test tasks as gamemusic:

- triplets/soundtrack.csv: the positive is an excerpt of ANOTHER track of the anchor's soundtrack, the negative
  an excerpt of another soundtrack;
- triplets/track.csv: the positive is another excerpt of the anchor's own track, the negative an excerpt of
  another soundtrack (gamemusic's track negatives all come from another soundtrack too).

Anchors are drawn uniformly over the clips that can be one (a clip whose soundtrack has another track, or whose
track has another excerpt), so each soundtrack contributes in proportion to its clips; positive and negative
are then drawn uniformly among the clips the rule allows. No triplet is drawn twice. The draw depends only on
the rows (sorted by clip_id) and --seed, so the same labels and seed give the same files.

    python3 tools/soundtrack_triplets.py /work/heldout-st [--count 1000] [--seed 0] [--split test|all]

Only split=test clips are used by default (the shared sets' triplets are drawn from test clips only); a
labels.csv without a split column uses every clip. Both files are written atomically (temp file, then
os.replace) and replace any earlier ones. Refuses, with exit code 2, a set with fewer than two soundtracks,
with no soundtrack of two tracks, or with no track of two excerpts. Python 3 standard library only.
"""
import argparse
import collections
import csv
import os
import random
import sys

REQUIRED = ("clip_id", "track_id", "soundtrack")


def fail(message):
    print(f"soundtrack_triplets: {message}", file=sys.stderr)
    sys.exit(2)


def read_clips(labels, split):
    """Returns [(clip_id, track_id, soundtrack)] sorted by clip_id, or fails naming the file, line and column."""
    if not os.path.isfile(labels):
        fail(f"{labels}: no such file")
    with open(labels, newline="", encoding="utf-8") as f:
        reader = csv.DictReader(f)
        columns = reader.fieldnames or []
        for c in REQUIRED:
            if c not in columns:
                fail(f"{labels}: no '{c}' column (columns: {', '.join(columns) or 'none'})")
        use_split = split != "all" and "split" in columns
        clips, seen = [], {}
        for line, row in enumerate(reader, start=2):
            for c in REQUIRED:
                if not (row.get(c) or "").strip():
                    fail(f"{labels} line {line}: empty '{c}'")
            clip = row["clip_id"].strip()
            if clip in seen:
                fail(f"{labels} line {line}: clip_id '{clip}' already on line {seen[clip]}")
            seen[clip] = line
            if use_split and row.get("split", "").strip() != split:
                continue
            clips.append((clip, row["track_id"].strip(), row["soundtrack"].strip()))
    return sorted(clips)


def draw(rng, anchors, positives_of, negatives_of, count, task):
    """count distinct (anchor, positive, negative) rows; anchors uniform over `anchors`."""
    possible = sum(len(positives_of(a)) * len(negatives_of(a)) for a in anchors)
    if possible < count:
        fail(f"{task}: only {possible} distinct triplets exist, fewer than --count {count}")
    rows, seen = [], set()
    while len(rows) < count:
        a = rng.choice(anchors)
        t = (a, rng.choice(positives_of(a)), rng.choice(negatives_of(a)))
        if t not in seen:
            seen.add(t)
            rows.append(t)
    return rows


def write_atomically(path, rows):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    tmp = path + ".tmp"
    with open(tmp, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["anchor", "positive", "negative"])
        w.writerows(rows)
    os.replace(tmp, path)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("set", help="data set folder holding labels.csv (clip_id, track_id, soundtrack columns)")
    ap.add_argument("--count", type=int, default=1000, help="triplets per task (default 1000)")
    ap.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    ap.add_argument("--split", default="test", help="draw from clips of this split, or 'all' (default test)")
    a = ap.parse_args(argv)
    if a.count < 1:
        fail(f"--count must be at least 1, not {a.count}")

    labels = os.path.join(a.set, "labels.csv")
    clips = read_clips(labels, a.split)
    soundtrack_of = {c: s for c, _, s in clips}
    track_of = {c: t for c, t, _ in clips}
    by_soundtrack, by_track = collections.defaultdict(list), collections.defaultdict(list)
    tracks_of = collections.defaultdict(set)
    for c, t, s in clips:
        by_soundtrack[s].append(c)
        by_track[t].append(c)
        tracks_of[s].add(t)
    for t, cs in by_track.items():
        if len({soundtrack_of[c] for c in cs}) > 1:
            fail(f"{labels}: track_id '{t}' is in more than one soundtrack")
    where = f"{labels} ({'all' if a.split == 'all' else 'split=' + a.split} clips)"
    if len(by_soundtrack) < 2:
        fail(f"{where}: {len(by_soundtrack)} soundtrack(s); negatives need at least 2")
    if not any(len(ts) >= 2 for ts in tracks_of.values()):
        fail(f"{where}: no soundtrack has two tracks, so no soundtrack triplet can be drawn")
    if not any(len(cs) >= 2 for cs in by_track.values()):
        fail(f"{where}: no track has two excerpts, so no track triplet can be drawn")

    others = {s: [c for c, _, s2 in clips if s2 != s] for s in by_soundtrack}
    same_st_other_track = {c: [p for p in by_soundtrack[s] if track_of[p] != track_of[c]] for c, _, s in clips}
    same_track = {c: [p for p in by_track[t] if p != c] for c, t, _ in clips}
    negatives = lambda c: others[soundtrack_of[c]]  # noqa: E731

    rng = random.Random(a.seed)
    st_anchors = [c for c, _, _ in clips if same_st_other_track[c]]
    st_rows = draw(rng, st_anchors, same_st_other_track.__getitem__, negatives, a.count, "soundtrack")
    tr_anchors = [c for c, _, _ in clips if same_track[c]]
    tr_rows = draw(rng, tr_anchors, same_track.__getitem__, negatives, a.count, "track")

    out = os.path.join(a.set, "triplets")
    write_atomically(os.path.join(out, "soundtrack.csv"), st_rows)
    write_atomically(os.path.join(out, "track.csv"), tr_rows)
    for task, rows, anchors in (("soundtrack", st_rows, st_anchors), ("track", tr_rows, tr_anchors)):
        per = collections.Counter(soundtrack_of[r[0]] for r in rows)
        print(f"{task}: {len(rows)} triplets, {len(anchors)} possible anchors, {len(per)} anchor soundtracks "
              f"({', '.join(f'{s} {n}' for s, n in sorted(per.items()))}) -> {os.path.join(out, task + '.csv')}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
