#!/usr/bin/env python3
"""Writes the audio of fixtures/mecomp-client: one short synthetic stereo song rendered at 22,050 and 44,100 Hz,
stored as WAV, Ogg Vorbis and MP3, mono and stereo, for rust-check/mecomp's test, which decodes each file with
MECOMP's own decoder and compares MECOMP's embedding with the Java tool's (java-embeddings-<tag>.csv per model,
written by the `embed` command: see fixtures/README.md).

The left channel carries the melody and the bass, the right the chord pad, the bass and the hi-hat, so that a
mixdown that scales the channels differently (an average instead of MECOMP's (L + R)·√2/2) changes the
embedding. The mono files are that mix. The hi-hat is noise low-passed at 5 kHz, as cymbals sit in a mix after
mastering, rather than full-band white noise: MECOMP resamples 44,100 Hz with rubato's cubic interpolator,
which has no anti-aliasing filter, so energy above 11 kHz folds into the band and moves the embedding
(measured with full-band noise: 1 - cosine 2.5e-3 against the Java Kaiser-sinc resampler; see
rust-check/README.md). Deterministic; needs Python 3 and ffmpeg (libvorbis, libmp3lame).

    python3 tools/make_mecomp_client_fixtures.py fixtures/mecomp-client
"""
import math
import os
import random
import struct
import subprocess
import sys
import tempfile
import wave

SECONDS = 3.0
STEREO_GAIN = math.sqrt(2) / 2

# name, channels, rate, codec; the short stereo WAV keeps the repository lean (it is the largest file)
FILES = [
    ("mono-22050.wav", 1, 22050, "wav"),
    ("mono-22050.ogg", 1, 22050, "ogg"),
    ("mono-22050.mp3", 1, 22050, "mp3"),
    ("mono-44100.ogg", 1, 44100, "ogg"),
    ("stereo-22050.wav", 2, 22050, "wav"),
    ("stereo-44100.ogg", 2, 44100, "ogg"),
    ("stereo-44100.mp3", 2, 44100, "mp3"),
]


def render(rate):
    """(left, right) lists of floats in [-0.9, 0.9]."""
    rng = random.Random(12)
    n = int(rate * SECONDS)
    beat = 0.25
    melody = [440.0 * 2 ** (rng.choice([0, 2, 3, 5, 7, 8, 10, 12]) / 12) for _ in range(int(SECONDS / beat) + 1)]
    chords = [(220.0, 261.6, 329.6), (174.6, 220.0, 261.6), (196.0, 246.9, 293.7)]
    noise = random.Random(7)
    smooth = math.exp(-2 * math.pi * 5000.0 / rate)  # two one-pole low-passes at 5 kHz
    low1 = low2 = 0.0
    left, right = [], []
    for i in range(n):
        t = i / rate
        k = int(t / beat)
        into = t - k * beat
        env = math.exp(-4 * into / beat)
        lead = 0.35 * env * (math.sin(2 * math.pi * melody[k] * t) + 0.3 * math.sin(4 * math.pi * melody[k] * t))
        bass = 0.25 * math.sin(2 * math.pi * (55.0 if int(t) % 2 == 0 else 73.4) * t)
        pad = 0.12 * sum(math.sin(2 * math.pi * f * t) for f in chords[int(t) % 3])
        low1 = smooth * low1 + (1 - smooth) * noise.uniform(-1, 1)
        low2 = smooth * low2 + (1 - smooth) * low1
        hat = 0.6 * low2 * math.exp(-60 * (t % 0.125))
        left.append(max(-0.9, min(0.9, lead + bass)))
        right.append(max(-0.9, min(0.9, pad + bass + hat)))
    return left, right


def write_wav(path, channels, rate, left, right):
    with wave.open(path, "wb") as w:
        w.setnchannels(channels)
        w.setsampwidth(2)
        w.setframerate(rate)
        frames = bytearray()
        for l, r in zip(left, right):
            values = [l, r] if channels == 2 else [STEREO_GAIN * (l + r)]
            for v in values:
                frames += struct.pack("<h", int(round(max(-1.0, min(1.0, v)) * 32767)))
        w.writeframes(bytes(frames))


def main(out):
    os.makedirs(out, exist_ok=True)
    songs = {rate: render(rate) for rate in {f[2] for f in FILES}}
    with tempfile.TemporaryDirectory() as tmp:
        for name, channels, rate, codec in FILES:
            left, right = songs[rate]
            target = os.path.join(out, name)
            if codec == "wav":
                write_wav(target, channels, rate, left[: int(rate * 2)], right[: int(rate * 2)])
                continue
            source = os.path.join(tmp, f"{channels}-{rate}.wav")
            write_wav(source, channels, rate, left, right)
            encoder = ["-c:a", "libvorbis", "-q:a", "3"] if codec == "ogg" else ["-c:a", "libmp3lame", "-b:a", "96k"]
            subprocess.run(["ffmpeg", "-loglevel", "error", "-y", "-i", source, "-map_metadata", "-1", *encoder,
                            "-fflags", "+bitexact", target], check=True)
    print(f"wrote {len(FILES)} files to {out}")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(sys.argv[1])
