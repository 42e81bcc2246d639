#!/usr/bin/env python3
"""Join per-set vector CSVs into one teacher CSV for `train --teacher`, ids prefixed with their set's name.

`train --teacher` reads one CSV in the format `eval --embeddings` reads: `clip_id`, then one column per
dimension. `rust-check/bench`'s `bliss-features` writes exactly that for one data set, so a single-set run can
take its output as it is. A run over several sets needs one file; clip ids may repeat across sets, so each row
here is keyed `<set>/<clip id>` (the key the trainer tries first). The set name is the data set's folder name,
as `train` names it.

With --standardise, each column is shifted and scaled to mean 0 and standard deviation 1 over all rows, so that
no feature dominates the teacher's Euclidean distances by its unit alone (bliss's tempo against its chroma, for
example); the trainer divides the distances by their mean, which removes only a common scale.

With --columns, only the named columns are kept (names or shell patterns, comma-separated, in the inputs' order),
so a teacher can be one part of a feature set: `--columns 'chroma*'` keeps bliss's 13 chroma features. Columns
are chosen before --standardise, so each kept column still gets mean 0 and sd 1.

Usage: tools/teacher_csv.py [--standardise] [--columns NAME,...] --out teacher.csv SET=FILE [SET=FILE ...]
       e.g. tools/teacher_csv.py --standardise --out bliss-teacher.csv mer4q=bliss-mer4q.csv \\
                gamemusic=bliss-gamemusic.csv
Every input must have the same header. Written atomically (a temporary file, then a rename). Python 3 only,
no packages to install.
"""
import argparse
import csv
import fnmatch
import math
import os
import sys


def read(path):
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    if not rows or len(rows[0]) < 2 or rows[0][0] != "clip_id":
        sys.exit(f"{path}:1: expected a header 'clip_id,<dim 0>,...', got {rows[0] if rows else 'nothing'}")
    header, body = rows[0], []
    for line, row in enumerate(rows[1:], start=2):
        if len(row) != len(header):
            sys.exit(f"{path}:{line}: expected {len(header)} fields as in the header, found {len(row)}")
        try:
            values = [float(x) for x in row[1:]]
        except ValueError as e:
            sys.exit(f"{path}:{line}: {e}")
        if not all(math.isfinite(v) for v in values):
            sys.exit(f"{path}:{line}: a value is not finite")
        body.append((row[0], values))
    return header, body


def standardise(rows):
    n, dims = len(rows), len(rows[0][1])
    means = [sum(r[1][d] for r in rows) / n for d in range(dims)]
    sds = [math.sqrt(sum((r[1][d] - means[d]) ** 2 for r in rows) / n) for d in range(dims)]
    # a constant column carries no distance: it stays 0 rather than dividing by 0
    return [(k, [(v - m) / s if s > 0 else 0.0 for v, m, s in zip(vals, means, sds)]) for k, vals in rows]


def select(header, rows, patterns):
    """Keeps the columns whose names match one of the patterns; a pattern that matches none stops the tool."""
    names = header[1:]
    for pattern in patterns:
        if not any(fnmatch.fnmatchcase(n, pattern) for n in names):
            sys.exit(f"--columns: '{pattern}' names no column; the inputs have {', '.join(names)}")
    keep = [i for i, n in enumerate(names) if any(fnmatch.fnmatchcase(n, p) for p in patterns)]
    return [header[0]] + [names[i] for i in keep], [(k, [v[i] for i in keep]) for k, v in rows]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", required=True)
    parser.add_argument("--standardise", action="store_true")
    parser.add_argument("--columns", help="keep only these columns: names or shell patterns, comma-separated")
    parser.add_argument("inputs", nargs="+", metavar="SET=FILE")
    args = parser.parse_args()
    header, rows = None, []
    for spec in args.inputs:
        name, sep, path = spec.partition("=")
        if not sep or not name or "/" in name:
            sys.exit(f"expected SET=FILE with a set name without '/', got '{spec}'")
        h, body = read(path)
        if header is not None and h != header:
            sys.exit(f"{path}: its header differs from the first file's ({len(h) - 1} against "
                     f"{len(header) - 1} dimensions, or other names)")
        header = h
        rows += [(f"{name}/{clip}", values) for clip, values in body]
    keys = [k for k, _ in rows]
    if len(set(keys)) != len(keys):
        sys.exit("a <set>/<clip id> appears twice: a set given twice?")
    if not rows:
        sys.exit("no rows in the inputs")
    if args.columns is not None:
        patterns = [p.strip() for p in args.columns.split(",")]
        if not all(patterns):
            sys.exit(f"--columns: an empty name in '{args.columns}'")
        header, rows = select(header, rows, patterns)
    if args.standardise:
        rows = standardise(rows)
    tmp = args.out + ".tmp"
    with open(tmp, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        for k, values in rows:
            w.writerow([k] + [repr(float(v)) for v in values])
    os.replace(tmp, args.out)
    print(f"{args.out}: {len(rows)} clips x {len(header) - 1} dimensions"
          + (", standardised" if args.standardise else ""))


if __name__ == "__main__":
    main()
