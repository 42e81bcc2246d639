#!/usr/bin/env python3
"""Fetch the extra Debian game-music packages of ../shared/data/gamemusic-more and cut them into a training set.

`gamemusic-more/manifest.tsv` lists tracks of game packages that the shared gamemusic set does not hold
(package, path inside the package, codec, sample rate, channels, duration, tags, licence). This script
downloads each package once with `apt-get download` (no installation, no root needed for that step),
extracts it with `dpkg-deb -x`, and cuts every listed track into excerpts spread over the track, exactly as
tools/make_track_excerpts.py cuts the train full tracks: 16-bit mono WAV at the given rate.

Every package is a soundtrack of its own and none of them is in gamemusic, so all excerpts are split=train:
the relations they feed are `track` (another excerpt of the same track), `soundtrack` (another track of the
same package) and, where the tags name one, `composer`.

Tracker modules (.mod .xm .it .s3m .stm) decode through ffmpeg's libopenmpt (Debian's ffmpeg has it).

Usage: tools/prepare_more_tracks.py [--manifest ../shared/data/gamemusic-more/manifest.tsv]
                                    [--out /work/moretracks] [--seconds 20] [--max-per-track 8]
                                    [--rate 22050] [--jobs N] [--as-test]

With --as-test the tracks are cut as gamemusic's are, for a test set: two excerpts a track centred at 30 % and
70 % of it (start = max(0, f x length - seconds / 2); ids <track_id>.a and .b), all split=test, with an
excerpt_start_s column. tools/heldout-soundtracks.tsv is such a manifest: 149 tracks of 16 packages that neither
gamemusic nor gamemusic-more holds; tools/soundtrack_triplets.py then draws its triplets.
Writes <out>/labels.csv (clip_id,file,track_id,soundtrack,title,composer,licence,track_seconds,split),
<out>/clips/*.wav and keeps <out>/cache/{debs,root}/. Idempotent: downloads, extractions and excerpts are
reused; labels.csv is written last, atomically. A package or track that fails is reported at the end and the
rest goes on; the exit code is 1 only if nothing could be cut.
Needs: apt-get (after `apt-get update`), dpkg-deb, ffmpeg.
"""
import argparse
import csv
import os
import re
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from make_track_excerpts import cut, excerpt_starts  # noqa: E402  (same cutting rule as the train full tracks)

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def safe_name(text):
    """gamemusic's rule for ids: every character outside [A-Za-z0-9_-] becomes '_'."""
    return re.sub(r"[^A-Za-z0-9_-]", "_", text)


# gamemusic's test clips: two excerpts a track, centred at these shares of it (checked on all 886 of its clips)
TEST_EXCERPTS = (("a", 0.3), ("b", 0.7))


def fetch(package, cache):
    """Downloads and extracts one package; returns its extraction root or raises RuntimeError."""
    debs, root = os.path.join(cache, "debs"), os.path.join(cache, "root", package)
    done = os.path.join(root, ".extracted")
    if os.path.exists(done):
        return root
    os.makedirs(debs, exist_ok=True)
    have = [f for f in os.listdir(debs) if f.startswith(package + "_") and f.endswith(".deb")]
    if not have:
        r = subprocess.run(["apt-get", "download", "-q", package], cwd=debs, capture_output=True, text=True)
        if r.returncode != 0:
            raise RuntimeError(f"apt-get download failed ({r.stderr.strip() or r.stdout.strip()}); "
                               "run 'apt-get update' first")
        have = [f for f in os.listdir(debs) if f.startswith(package + "_") and f.endswith(".deb")]
    if not have:
        raise RuntimeError("apt-get download wrote no .deb file")
    os.makedirs(root, exist_ok=True)
    r = subprocess.run(["dpkg-deb", "-x", os.path.join(debs, sorted(have)[-1]), root], capture_output=True, text=True)
    if r.returncode != 0:
        raise RuntimeError(f"dpkg-deb -x failed: {r.stderr.strip()}")
    open(done, "w").close()
    return root


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--manifest", default=os.path.join(REPO, "..", "shared", "data", "gamemusic-more", "manifest.tsv"))
    p.add_argument("--out", default="/work/moretracks")
    p.add_argument("--seconds", type=float, default=20)
    p.add_argument("--max-per-track", type=int, default=8)
    p.add_argument("--rate", type=int, default=22050)
    p.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    p.add_argument("--as-test", action="store_true",
                   help="two excerpts a track at 30 %% and 70 %% of it, split=test (gamemusic's test clips)")
    a = p.parse_args()

    out = os.path.abspath(a.out)
    if (out + os.sep).startswith(REPO + os.sep):
        print(f"refusing to write inside the repository ({REPO}): choose an output folder outside it", file=sys.stderr)
        return 2
    with open(a.manifest, newline="") as f:
        tracks = list(csv.DictReader(f, delimiter="\t"))
    cache = os.path.join(out, "cache")
    os.makedirs(os.path.join(out, "clips"), exist_ok=True)

    errors, roots = [], {}
    for package in sorted({t["package"] for t in tracks}):
        try:
            roots[package] = fetch(package, cache)
        except RuntimeError as e:
            errors.append(f"{package}: {e}")

    rows, jobs = [], []
    used_ids = set()
    for t in tracks:
        root = roots.get(t["package"])
        if root is None:
            continue
        src = os.path.join(root, t["path"].lstrip("/"))
        if not os.path.exists(src):
            errors.append(f"{t['package']}: {t['path']} is not in the package (has the package changed?)")
            continue
        name = safe_name(os.path.splitext(os.path.basename(t["path"]))[0])
        track_id = f"{t['package']}--{name}"
        if track_id in used_ids:  # two files of one package with one basename (other folder or extension)
            track_id = f"{t['package']}--{safe_name(t['path'].strip('/'))}"
        used_ids.add(track_id)
        seconds = float(t["dur"])
        if a.as_test:
            cuts = [(f"{track_id}.{suffix}", max(0.0, f * seconds - a.seconds / 2)) for suffix, f in TEST_EXCERPTS]
        else:
            cuts = [(f"{track_id}--x{k}", start)
                    for k, start in enumerate(excerpt_starts(seconds, a.seconds, a.max_per_track))]
        for clip_id, start in cuts:
            rel = f"clips/{clip_id}.wav"
            jobs.append((src, os.path.join(out, rel), start, a.seconds, a.rate))
            row = {"clip_id": clip_id, "file": rel, "track_id": track_id, "soundtrack": t["package"],
                   "title": t["title"] or name, "composer": t["artist"].strip(),
                   "licence": t["license"].strip(), "track_seconds": t["dur"]}
            if a.as_test:
                row["excerpt_start_s"] = f"{start:.1f}"
            row["split"] = "test" if a.as_test else "train"
            rows.append(row)
    with ThreadPoolExecutor(a.jobs) as pool:
        cut_errors = [e for e in pool.map(cut, jobs) if e]
    bad = {e.split(": ffmpeg failed")[0] for e in cut_errors}
    kept = [r for r, j in zip(rows, jobs) if j[0] not in bad]
    errors += cut_errors
    if kept:
        tmp = os.path.join(out, "labels.csv.tmp")
        with open(tmp, "w", newline="") as f:
            w = csv.DictWriter(f, fieldnames=list(kept[0].keys()))
            w.writeheader()
            w.writerows(kept)
        os.replace(tmp, os.path.join(out, "labels.csv"))
    hours = sum(a.seconds for _ in kept) / 3600
    print(f"{len(kept)} excerpts ({hours:.1f} h) of {len({r['track_id'] for r in kept})} tracks "
          f"from {len({r['soundtrack'] for r in kept})} packages in {out}")
    for e in errors:
        print("failed:", e, file=sys.stderr)
    return 1 if not kept else 0


if __name__ == "__main__":
    sys.exit(main())
