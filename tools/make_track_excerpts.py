#!/usr/bin/env python3
"""Cut the TRAIN full-length game-music tracks into excerpts: a training set in the project's folder format.

The shared gamemusic set holds two 20 s excerpts per track; the full tracks (tools/prepare_full_tracks.sh)
hold about five times more audio of the same train soundtracks. Cut into excerpts, they feed the miner's
existing relations: `track` (another excerpt of the same track) and `soundtrack` (another track of the
same soundtrack), with no change to the trainer.

Only split=train rows are read: test soundtracks never reach training. Jingles (short=1) and silent
tracks are skipped. Excerpts are spread evenly over the track (skipping the first and last 5%), written
as 16-bit mono WAV at the given rate, so decoding costs nothing at training time.

Usage: tools/make_track_excerpts.py [--full /work/fulltracks] [--out /work/gametracks]
                                    [--seconds 20] [--max-per-track 8] [--rate 22050]
Writes <out>/labels.csv (clip_id,file,track_id,soundtrack,title,split) and <out>/clips/*.wav.
Idempotent: existing excerpt files are kept; labels.csv is written last, atomically.
"""
import argparse
import csv
import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor


def excerpt_starts(seconds, length, most):
    usable_from, usable_to = 0.05 * seconds, 0.95 * seconds - length
    if usable_to < usable_from:
        return [max(0.0, (seconds - length) / 2)] if seconds >= length else []
    count = max(1, min(most, int((usable_to - usable_from) // length) + 1))
    if count == 1:
        return [(usable_from + usable_to) / 2]
    step = (usable_to - usable_from) / (count - 1)
    return [usable_from + i * step for i in range(count)]


def cut(job):
    src, dst, start, length, rate = job
    if os.path.exists(dst) and os.path.getsize(dst) > 44:
        return None
    tmp = dst + ".part.wav"
    r = subprocess.run(["ffmpeg", "-nostdin", "-loglevel", "error", "-y", "-ss", f"{start:.3f}", "-t", str(length),
                        "-i", src, "-ac", "1", "-ar", str(rate), "-c:a", "pcm_s16le", tmp],
                       capture_output=True, text=True)
    if r.returncode != 0:
        return f"{src}: ffmpeg failed: {r.stderr.strip()}"
    os.replace(tmp, dst)
    return None


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--full", default="/work/fulltracks")
    p.add_argument("--out", default="/work/gametracks")
    p.add_argument("--seconds", type=float, default=20)
    p.add_argument("--max-per-track", type=int, default=8)
    p.add_argument("--rate", type=int, default=22050)
    p.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    a = p.parse_args()

    os.makedirs(os.path.join(a.out, "clips"), exist_ok=True)
    rows, jobs = [], []
    with open(os.path.join(a.full, "labels.csv"), newline="") as f:
        for r in csv.DictReader(f):
            if r["split"] != "train" or r.get("short") == "1" or r.get("silent") == "1":
                continue
            for k, start in enumerate(excerpt_starts(float(r["seconds"]), a.seconds, a.max_per_track)):
                clip_id = f"{r['track_id']}--x{k}"
                rel = f"clips/{clip_id}.wav"
                jobs.append((os.path.join(a.full, r["file"]), os.path.join(a.out, rel), start, a.seconds, a.rate))
                rows.append({"clip_id": clip_id, "file": rel, "track_id": r["track_id"],
                             "soundtrack": r["soundtrack"], "title": r["title"], "split": "train"})
    with ThreadPoolExecutor(a.jobs) as pool:
        errors = [e for e in pool.map(cut, jobs) if e]
    bad = {e.split(":")[0] for e in errors}
    rows = [r for r, j in zip(rows, jobs) if j[0] not in bad]
    tmp = os.path.join(a.out, "labels.csv.tmp")
    with open(tmp, "w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0].keys()))
        w.writeheader()
        w.writerows(rows)
    os.replace(tmp, os.path.join(a.out, "labels.csv"))
    tracks = len({r["track_id"] for r in rows})
    sets = len({r["soundtrack"] for r in rows})
    print(f"{len(rows)} excerpts of {tracks} tracks from {sets} train soundtracks in {a.out}")
    for e in errors:
        print("failed:", e, file=sys.stderr)
    return 1 if errors and not rows else 0


if __name__ == "__main__":
    sys.exit(main())
