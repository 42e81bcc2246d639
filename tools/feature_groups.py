#!/usr/bin/env python3
"""Splits a bliss-features CSV into its feature groups, to measure what each group is worth.

bliss's 23 features come in groups: tempo, zero-crossing rate, spectral centroid, rolloff and flatness (mean and
standard deviation each), loudness (mean and standard deviation) and 13 chroma features. For each group this
writes `only-<group>.csv` (the group's columns alone) and `without-<group>.csv` (every other column) into --out;
`eval --features` scores them all in one run:

    python3 tools/feature_groups.py bliss-gamemusic.csv --out groups/
    java -jar target/mecomp-embed.jar eval --data ../shared/data/gamemusic \
        $(for f in groups/*.csv; do printf -- '--features %s ' "$f"; done)

Ids and values are copied as they are (no standardising: run tools/teacher_csv.py first if you want it).
Python 3 only.
"""
import argparse
import csv
import os
import sys

GROUPS = {
    "tempo": ["tempo"],
    "zcr": ["zcr"],
    "centroid": ["mean_spectral_centroid", "std_deviation_spectral_centroid"],
    "rolloff": ["mean_spectral_rolloff", "std_deviation_spectral_rolloff"],
    "flatness": ["mean_spectral_flatness", "std_deviation_spectral_flatness"],
    "loudness": ["mean_loudness", "std_deviation_loudness"],
    "chroma": ["chroma%d" % i for i in range(1, 14)],
}


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("features", help="a bliss-features CSV: clip_id, then bliss's 23 named columns")
    parser.add_argument("--out", required=True, help="folder for only-<group>.csv and without-<group>.csv")
    args = parser.parse_args(argv)
    with open(args.features, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    if not rows:
        sys.exit("%s: empty; expected a header row (clip_id, then bliss's feature names)" % args.features)
    header = rows[0]
    missing = [c for cols in GROUPS.values() for c in cols if c not in header]
    if missing:
        sys.exit("%s: lacks bliss's column(s) %s; expected the output of rust-check/bench's bliss-features"
                 % (args.features, ", ".join(missing)))
    for n, row in enumerate(rows[1:], start=2):
        if len(row) != len(header):
            sys.exit("%s, line %d: %d values where the header names %d" % (args.features, n, len(row), len(header)))
    os.makedirs(args.out, exist_ok=True)
    features = [c for c in header[1:]]
    written = []
    for group, cols in GROUPS.items():
        for name, keep in (("only-" + group, cols), ("without-" + group, [c for c in features if c not in cols])):
            idx = [header.index(c) for c in keep]
            path = os.path.join(args.out, name + ".csv")
            tmp = path + ".tmp"
            with open(tmp, "w", newline="", encoding="utf-8") as f:
                w = csv.writer(f)
                w.writerow([header[0]] + keep)
                for row in rows[1:]:
                    w.writerow([row[0]] + [row[i] for i in idx])
            os.replace(tmp, path)
            written.append(path)
    print("%d files in %s, %d clips each" % (len(written), args.out, len(rows) - 1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
