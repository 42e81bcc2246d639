#!/usr/bin/env python3
"""Triplet accuracy of several systems broken down by a label of the anchor clip: where a task's score comes from.

`eval` gives one figure per task. A task's triplets are not spread evenly over its clips, though: in gamemusic's
soundtrack task each anchor soundtrack has 160-185 triplets whether it has 6 test clips or 122, so six clips
of one game can weigh as much as a hundred of another. This prints, per value of the anchor's label (by
default the column the task is named after), the number of triplets and test clips and each system's accuracy,
as `eval` scores it (Euclidean distance, a tie counts as wrong), and the overall figure in the last row.

    python3 tools/triplet_breakdown.py --data ../shared/data/gamemusic --task soundtrack \
        v2=v2-gamemusic.csv bliss=bliss-gamemusic.csv

Each system is NAME=CSV with a clip_id column and one column per dimension: `embed <set>/clips --onnx M --out
CSV` (ids are file names, matched through labels.csv's `file`), `rust-check/bench`'s `bliss-features`, or any
`eval --embeddings` file (plain clip ids). Python 3 only.
"""
import argparse
import csv
import math
import os
import sys
from collections import Counter, defaultdict


def read_vectors(path, file_to_id):
    vectors = {}
    with open(path, newline="", encoding="utf-8") as f:
        reader = csv.reader(f)
        header = next(reader, None)
        if not header or header[0] != "clip_id":
            sys.exit(f"triplet_breakdown: {path}: the first column must be clip_id")
        for line, row in enumerate(reader, start=2):
            key = row[0]
            key = file_to_id.get(key, file_to_id.get(os.path.basename(key), key))
            try:
                vectors[key] = [float(v) for v in row[1:]]
            except ValueError as e:
                sys.exit(f"triplet_breakdown: {path}, line {line}: {e}")
    return vectors


def distance(a, b):
    return math.sqrt(sum((x - y) ** 2 for x, y in zip(a, b)))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", required=True, help="data set folder (labels.csv, triplets/)")
    ap.add_argument("--task", required=True, help="triplets/<task>.csv")
    ap.add_argument("--by", help="label column of the anchor to group by (default: the task's name if it is one)")
    ap.add_argument("systems", nargs="+", metavar="NAME=CSV")
    args = ap.parse_args()

    with open(os.path.join(args.data, "labels.csv"), newline="", encoding="utf-8") as f:
        labels = {r["clip_id"]: r for r in csv.DictReader(f)}
    column = args.by or args.task
    if column not in next(iter(labels.values())):
        sys.exit(f"triplet_breakdown: labels.csv has no column '{column}'; name one with --by")
    file_to_id = {}
    for clip_id, r in labels.items():
        file_to_id[r["file"]] = clip_id
        file_to_id[os.path.basename(r["file"])] = clip_id
    with open(os.path.join(args.data, "triplets", args.task + ".csv"), newline="", encoding="utf-8") as f:
        triplets = list(csv.DictReader(f))

    systems = []
    for spec in args.systems:
        if "=" not in spec:
            sys.exit(f"triplet_breakdown: expected NAME=CSV, got '{spec}'")
        name, path = spec.split("=", 1)
        systems.append((name, read_vectors(path, file_to_id)))

    groups = defaultdict(list)
    for t in triplets:
        groups[labels[t["anchor"]][column]].append(t)
    test_clips = Counter(r[column] for r in labels.values() if r["split"] == "test")

    def accuracy(vectors, rows):
        right = counted = 0
        for t in rows:
            a, p, n = (vectors.get(t[k]) for k in ("anchor", "positive", "negative"))
            if a is None or p is None or n is None:
                continue  # a clip the system could not read: left out, as eval leaves it out
            counted += 1
            right += distance(a, p) < distance(a, n)
        return f"{100 * right / counted:.1f}" if counted else "—"

    names = [n for n, _ in systems]
    print(f"| anchor {column} | triplets | test clips | " + " | ".join(names) + " |")
    print("|---|---:|---:|" + "---:|" * len(names))
    for value, rows in sorted(groups.items(), key=lambda g: (-len(g[1]), g[0])):
        print(f"| {value} | {len(rows)} | {test_clips[value]} | "
              + " | ".join(accuracy(v, rows) for _, v in systems) + " |")
    print(f"| all | {len(triplets)} | {sum(test_clips[v] for v in groups)} | "
          + " | ".join(accuracy(v, triplets) for _, v in systems) + " |")


if __name__ == "__main__":
    main()
