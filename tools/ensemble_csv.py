#!/usr/bin/env python3
"""Joins several models' embeddings of one data set into an ensemble's, keyed by the set's clip ids.

An ensemble of models scores a triplet by its members' distances together. With unit-length embeddings, the
concatenation of M members' vectors, each divided by sqrt(M), is again of unit length, and its squared Euclidean
distance is the mean of the members' squared distances: so `eval --embeddings` scores the ensemble as it scores
one model, and `train --teacher` (through tools/teacher_csv.py for several sets) can distil it into one network.

Each input is what `embed --model DIR SET --out FILE` writes for a data set folder SET: clip ids are the files'
paths relative to SET, which is the `file` column of SET/labels.csv; they are replaced by the set's clip ids.
An input already keyed by clip id is taken as it is. Every input must have a vector for every clip the others
have; a clip one member lacks is named and the tool stops, since an ensemble with a missing member is another
system.

Usage: tools/ensemble_csv.py --labels SET/labels.csv --out ensemble.csv A.csv B.csv [C.csv ...]
       e.g. for m in seed-0 seed-1 seed-2; do
                java -jar target/mecomp-embed.jar embed --model runs/v2/$m/model ../shared/data/mer4q \\
                    --out emb-$m.csv; done
            python3 tools/ensemble_csv.py --labels ../shared/data/mer4q/labels.csv --out ens-mer4q.csv emb-seed-*.csv
            java -jar target/mecomp-embed.jar eval --data ../shared/data/mer4q --embeddings ens-mer4q.csv
Written atomically (a temporary file, then a rename). Python 3 only, no packages to install.
"""
import argparse
import csv
import math
import os
import sys

import teacher_csv  # beside this script: its CSV reader


def clip_ids(labels):
    """file column -> clip_id, from a data set's labels.csv."""
    with open(labels, newline="", encoding="utf-8") as f:
        reader = csv.DictReader(f)
        if not reader.fieldnames or "clip_id" not in reader.fieldnames or "file" not in reader.fieldnames:
            sys.exit(f"{labels}:1: expected a data set's labels.csv with clip_id and file columns, got "
                     f"{reader.fieldnames}")
        return {row["file"]: row["clip_id"] for row in reader}


def read(path, by_file, known):
    """One member's vectors keyed by clip id (its rows checked as teacher_csv.py checks them)."""
    _, body = teacher_csv.read(path)
    vectors = {}
    for line, (clip, values) in enumerate(body, start=2):
        key = by_file.get(clip, clip)
        if key not in known:
            sys.exit(f"{path}:{line}: '{clip}' is neither a file nor a clip id of the data set")
        if key in vectors:
            sys.exit(f"{path}:{line}: clip '{key}' appears twice")
        vectors[key] = values
    return vectors


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--labels", required=True, help="the data set's labels.csv")
    p.add_argument("--out", required=True, help="the ensemble's CSV to write")
    p.add_argument("members", nargs="+", help="one embeddings CSV per model")
    args = p.parse_args(argv)
    if len(args.members) < 2:
        sys.exit("an ensemble needs at least two members' CSVs")
    by_file = clip_ids(args.labels)
    known = set(by_file.values())
    members = [read(m, by_file, known) for m in args.members]
    first = members[0]
    for name, m in zip(args.members[1:], members[1:]):
        lacking = sorted(set(first) ^ set(m))
        if lacking:
            sys.exit(f"{name} and {args.members[0]} do not have the same clips: {', '.join(lacking[:5])}"
                     + (f" and {len(lacking) - 5} more" if len(lacking) > 5 else "")
                     + " in only one of them; embed the same folder with every model")
    scale = 1 / math.sqrt(len(members))
    header = ["clip_id"]
    for i, m in enumerate(members):
        header += [f"m{i}_{d}" for d in range(len(next(iter(m.values()))))]
    tmp = args.out + ".tmp"
    with open(tmp, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(header)
        for clip in sorted(first):
            row = [clip]
            for m in members:
                row += [repr(v * scale) for v in m[clip]]
            w.writerow(row)
    os.replace(tmp, args.out)
    print(f"{args.out}: {len(first)} clips, {len(members)} members, {len(header) - 1} values each")


if __name__ == "__main__":
    main()
