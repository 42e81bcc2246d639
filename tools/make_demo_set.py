#!/usr/bin/env python3
"""Writes fixtures/demo-set: a tiny synthetic data set in the shared folder format, shipped in the repository
so that the README's main command runs on a fresh clone with no data download.

Eight "artists", each a timbre (harmonic mix), tempo, register and amount of percussion; four 3-second
clips each with their own melodies. Artists 1-4 are train, 5-8 test; triplets/artist.csv asks whether two
clips of one artist sound closer than a clip of another. Needs only Python 3 and the `oggenc` and `lame`
encoders (Debian: vorbis-tools, lame).

    python3 tools/make_demo_set.py fixtures/demo-set
"""
import csv
import math
import os
import random
import struct
import subprocess
import sys
import tempfile
import wave

RATE = 22050
SECONDS = 3.0


def artist_style(rng, index):
    return {
        "harmonics": [rng.uniform(0.0, 1.0) / (h ** rng.uniform(0.5, 2.0)) for h in range(1, 9)],
        "bpm": rng.choice([70, 90, 110, 130, 150, 170]),
        "register": rng.choice([110.0, 220.0, 440.0, 880.0]),
        "drums": rng.uniform(0.0, 0.4),
        "vibrato": rng.uniform(0.0, 0.01),
        "name": f"Demo Artist {index}",
        "genre": rng.choice(["Ambient", "Chiptune", "Folk", "Electronic"]),
    }


def render(style, rng):
    n = int(RATE * SECONDS)
    beat = 60.0 / style["bpm"]
    scale = [0, 2, 3, 5, 7, 8, 10, 12]
    notes = [style["register"] * 2 ** (rng.choice(scale) / 12) for _ in range(int(SECONDS / beat) + 2)]
    out = []
    phase = 0.0
    noise = random.Random(rng.random())
    for i in range(n):
        t = i / RATE
        k = int(t / beat)
        into = t - k * beat
        f = notes[k] * (1 + style["vibrato"] * math.sin(2 * math.pi * 5 * t))
        phase += 2 * math.pi * f / RATE
        env = math.exp(-3 * into / beat)
        x = sum(a * math.sin((h + 1) * phase) for h, a in enumerate(style["harmonics"]))
        x *= 0.3 * env
        if style["drums"] > 0 and into < 0.03:
            x += style["drums"] * noise.uniform(-1, 1) * (1 - into / 0.03)
        out.append(max(-1.0, min(1.0, x)))
    return out


def write_wav(path, samples):
    with wave.open(path, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(RATE)
        w.writeframes(b"".join(struct.pack("<h", int(round(s * 32767))) for s in samples))


def main(out_dir):
    rng = random.Random(20261126)
    os.makedirs(os.path.join(out_dir, "clips"), exist_ok=True)
    os.makedirs(os.path.join(out_dir, "triplets"), exist_ok=True)
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for a in range(1, 9):
            style = artist_style(rng, a)
            for c in range(1, 5):
                clip_id = f"a{a}c{c}"
                ext = "ogg" if c % 2 else "mp3"
                wav = os.path.join(tmp, clip_id + ".wav")
                write_wav(wav, render(style, rng))
                target = os.path.join(out_dir, "clips", f"{clip_id}.{ext}")
                if ext == "ogg":
                    subprocess.run(["oggenc", "-Q", "-q", "0", "-o", target, wav], check=True)
                else:
                    subprocess.run(["lame", "--quiet", "-b", "32", wav, target], check=True)
                rows.append({"clip_id": clip_id, "file": f"clips/{clip_id}.{ext}", "artist": style["name"],
                             "genres": style["genre"], "split": "train" if a <= 4 else "test"})
    with open(os.path.join(out_dir, "labels.csv"), "w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=["clip_id", "file", "artist", "genres", "split"])
        w.writeheader()
        w.writerows(rows)
    test = [r for r in rows if r["split"] == "test"]
    with open(os.path.join(out_dir, "triplets", "artist.csv"), "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["anchor", "positive", "negative"])
        for anchor in test:
            same = [r for r in test if r["artist"] == anchor["artist"] and r is not anchor]
            other = [r for r in test if r["artist"] != anchor["artist"]]
            for _ in range(3):
                w.writerow([anchor["clip_id"], rng.choice(same)["clip_id"], rng.choice(other)["clip_id"]])


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "fixtures/demo-set")
