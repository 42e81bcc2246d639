#!/usr/bin/env python3
"""Turns a set's excerpt triplets into triplets over the whole songs they were cut from.

The shared sets' test triplets compare 20-30 s excerpts, but MECOMP embeds whole songs, and a model reads at
most K windows spread over whatever it is given: on an excerpt K = 10 and K = 30 see much the same music, on a
5-minute song they do not. This writes a data set whose clips are the full tracks (from
tools/prepare_full_tracks.sh) and whose triplets are the excerpt triplets whose three excerpts all come from
tracks that folder has, mapped through the excerpts' track_id; `eval --data OUT` then scores any model on
whole songs with the same triplets.

    python3 tools/full_song_triplets.py --excerpts ../shared/data/gamemusic --full /work/fulltracks \
        --task soundtrack --out /work/fullsongs-test

The track task is left out on purpose: an excerpt of a track and another excerpt of it are the same whole song.
"""
import argparse
import csv
import os
import sys


def read_rows(path):
    with open(path, newline="") as f:
        return list(csv.DictReader(f))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--excerpts", required=True, help="data set of excerpts: labels.csv with track_id, triplets/")
    ap.add_argument("--full", required=True, help="full-track folder of prepare_full_tracks.sh (labels.csv, clips/)")
    ap.add_argument("--task", action="append", required=True, help="triplets/<task>.csv to map; repeatable")
    ap.add_argument("--out", required=True, help="new data set folder (must not exist)")
    args = ap.parse_args()

    if os.path.exists(args.out):
        sys.exit(f"{args.out}: already exists; give a new folder")
    excerpts = {r["clip_id"]: r for r in read_rows(os.path.join(args.excerpts, "labels.csv"))}
    if excerpts and "track_id" not in next(iter(excerpts.values())):
        sys.exit(f"{args.excerpts}/labels.csv: no track_id column, so excerpts cannot be matched to songs")
    full = {r["track_id"]: r for r in read_rows(os.path.join(args.full, "labels.csv"))}

    mapped, used = {}, set()
    for task in args.task:
        path = os.path.join(args.excerpts, "triplets", task + ".csv")
        if not os.path.isfile(path):
            sys.exit(f"{path}: no such triplet file")
        rows = read_rows(path)
        kept = []
        for i, r in enumerate(rows, start=2):
            try:
                tracks = [excerpts[r[k]]["track_id"] for k in ("anchor", "positive", "negative")]
            except KeyError as e:
                sys.exit(f"{path} line {i}: clip {e} is not in {args.excerpts}/labels.csv")
            if all(t in full for t in tracks) and len(set(tracks)) == 3:
                kept.append(tracks)
                used.update(tracks)
        mapped[task] = kept
        print(f"{task}: {len(kept)} of {len(rows)} triplets have all three songs in {args.full}")

    os.makedirs(os.path.join(args.out, "triplets"))
    os.symlink(os.path.abspath(os.path.join(args.full, "clips")), os.path.join(args.out, "clips"))
    for task, kept in mapped.items():
        with open(os.path.join(args.out, "triplets", task + ".csv"), "w", newline="") as f:
            w = csv.writer(f)
            w.writerow(["anchor", "positive", "negative"])
            w.writerows(kept)
    with open(os.path.join(args.out, "labels.csv"), "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["clip_id", "file", "track_id", "soundtrack", "seconds", "split"])
        for t in sorted(used):
            r = full[t]
            w.writerow([t, r["file"], t, r["soundtrack"], r["seconds"], "test"])
    seconds = [float(full[t]["seconds"]) for t in used]
    print(f"{args.out}: {len(used)} songs, mean {sum(seconds) / max(1, len(seconds)):.0f} s")


if __name__ == "__main__":
    main()
