#!/usr/bin/env python3
"""Turn a training run's validation triplets into data sets that `eval` scores, so that anything `eval` takes
(the run's model, an ONNX file, bliss's features, an embeddings CSV) is measured on validation, never on test.

`train` writes every mined triplet to RUN/triplets.csv (dataset, relation, anchor, positive, negative, part);
the rows with part=validation are the ones it scores after each epoch. This script writes, for each set with
validation rows, OUT/<set>/labels.csv (the validation clips with all their labels, marked split=test so that
`eval` also ranks them for precision at 5 and mAP), OUT/<set>/triplets/<relation>.csv, and links to the set's
audio folders, so that `eval --data OUT/<set>` finds the same files. What MECOMP offers today can then be
weighed against a recipe on validation, as recipes are weighed against each other.

The album relation also gets `album-other-track.csv`: its triplets whose positive is another track of the
anchor's soundtrack, the rule of gamemusic's test task `soundtrack` (the miner's album positive may be another
excerpt of the anchor's own track). Sets without a `track_id` column get no such file.

Usage: tools/validation_sets.py RUN_DIR --data DIR [--data DIR ...] --out DIR
       e.g. tools/validation_sets.py /work/runs/v2-clean/seed-0 --data ../shared/data/mer4q \\
                --data ../shared/data/gamemusic --out /work/val-sets/v2-clean-0
       then java -jar target/mecomp-embed.jar eval --data /work/val-sets/v2-clean-0/mer4q ... \\
                --model /work/runs/v2-clean/seed-0/model --features bliss.csv
A set is matched to its --data folder by the folder's name, as `train` names sets. OUT must not exist yet; it is
written under a temporary name and renamed at the end, so a failed run leaves nothing half-written. Python 3
only, no packages to install.
"""
import argparse
import csv
import os
import shutil
import sys

TRIPLETS_FILE = "triplets.csv"
TRIPLET_COLUMNS = ["dataset", "relation", "anchor", "positive", "negative", "part"]


def read_csv(path):
    try:
        with open(path, newline="", encoding="utf-8") as f:
            reader = csv.DictReader(f)
            return reader.fieldnames or [], list(reader)
    except OSError as e:
        sys.exit(f"validation_sets: {path}: {e}")


def validation_rows(run):
    path = os.path.join(run, TRIPLETS_FILE)
    header, rows = read_csv(path)
    missing = [c for c in TRIPLET_COLUMNS if c not in header]
    if missing:
        sys.exit(f"validation_sets: {path}: missing column(s) {', '.join(missing)}; is {run} a folder written by"
                 " train?")
    chosen = [r for r in rows if r["part"] == "validation"]
    if not chosen:
        sys.exit(f"validation_sets: {path}: no row with part=validation (was the run trained with"
                 " --validation-fraction 0?)")
    return chosen


def write_set(name, root, rows, out):
    header, labels = read_csv(os.path.join(root, "labels.csv"))
    by_id = {r["clip_id"]: r for r in labels}
    used = set()
    for r in rows:
        for column in ("anchor", "positive", "negative"):
            if r[column] not in by_id:
                sys.exit(f"validation_sets: {name}: clip '{r[column]}' of the run's triplets is not in"
                         f" {root}/labels.csv; give the --data folder the run was trained on")
            used.add(r[column])
    target = os.path.join(out, name)
    os.makedirs(os.path.join(target, "triplets"))
    folders = set()
    with open(os.path.join(target, "labels.csv"), "w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=header)
        writer.writeheader()
        for clip in sorted(used):
            writer.writerow({**by_id[clip], "split": "test"})
            folders.add(by_id[clip]["file"].replace("\\", "/").split("/")[0])
    for folder in sorted(folders):
        # the same relative paths must reach the same files: link each top-level entry the files live under
        os.symlink(os.path.abspath(os.path.join(root, folder)), os.path.join(target, folder))
    tasks = {}
    for r in rows:
        tasks.setdefault(r["relation"], []).append(r)
    if "album" in tasks and "track_id" in header:
        tasks["album-other-track"] = [r for r in tasks["album"]
                                      if by_id[r["anchor"]]["track_id"] != by_id[r["positive"]]["track_id"]]
    counts = {}
    for task, triplets in sorted(tasks.items()):
        if not triplets:
            continue
        with open(os.path.join(target, "triplets", task + ".csv"), "w", newline="", encoding="utf-8") as f:
            writer = csv.writer(f)
            writer.writerow(["anchor", "positive", "negative"])
            for r in triplets:
                writer.writerow([r["anchor"], r["positive"], r["negative"]])
        counts[task] = len(triplets)
    return len(used), counts


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("run", help="a folder written by train (RUN/triplets.csv)")
    parser.add_argument("--data", action="append", required=True, help="a data set folder the run trained on")
    parser.add_argument("--out", required=True, help="the folder to write (must not exist)")
    args = parser.parse_args()
    if os.path.exists(args.out):
        sys.exit(f"validation_sets: {args.out} exists already; give a new folder")
    roots = {}
    for d in args.data:
        name = os.path.basename(os.path.normpath(d))
        if not os.path.isfile(os.path.join(d, "labels.csv")):
            sys.exit(f"validation_sets: --data {d}: no labels.csv there")
        roots[name] = d
    rows = validation_rows(args.run)
    by_set = {}
    for r in rows:
        by_set.setdefault(r["dataset"], []).append(r)
    unknown = sorted(set(by_set) - set(roots))
    if unknown:
        sys.exit(f"validation_sets: the run validated on {', '.join(unknown)}, which no --data folder is named"
                 f" after (given: {', '.join(sorted(roots)) or 'none'})")
    partial = args.out.rstrip("/") + ".partial"
    shutil.rmtree(partial, ignore_errors=True)
    os.makedirs(partial)
    try:
        report = [(name, *write_set(name, roots[name], by_set[name], partial)) for name in sorted(by_set)]
    except BaseException:
        shutil.rmtree(partial, ignore_errors=True)
        raise
    os.rename(partial, args.out)
    for name, clips, counts in report:
        print(f"{args.out}/{name}: {clips} clips; " + ", ".join(f"{t} {n}" for t, n in counts.items()))


if __name__ == "__main__":
    main()
