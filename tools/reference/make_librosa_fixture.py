#!/usr/bin/env python3
"""Write src/test/resources/reference/librosa-logmel.json: librosa's log-mel of a formula signal.

The Java front-end (io.github.mecomp.embed.audio, see FrontEndConfig) must reproduce these numbers. No audio is
stored: the test signal is regenerated in Java from the formula below, computed in double and cast to float.

    t = n / sr,  n = 0 .. round(2.5 * sr) - 1
    x(n) = 0.5*sin(2*pi*440*t) + 0.25*sin(2*pi*3000*t + 0.3)
         + 0.1*sin(2*pi*(100*t + 0.5*(4000/2.5)*t*t))      (linear chirp 100 Hz -> 4100 Hz over 2.5 s)

Front-end definition (per 1-second window of W = round(sr) samples, trailing partial window dropped):
frames at 0, hop, 2*hop, ... while start + n_fft <= W (no centring, no padding), periodic Hann, |rfft|^2,
Slaney mel filterbank (librosa.filters.mel, htk=False, norm='slaney'), then ln(mel_power + 1e-6).

The reference is computed by librosa in float64 from the float32-cast samples (the float32 values are widened
exactly), with a float64 filterbank, so it is exact to ~1e-12 and the Java tolerance can be set by the Java
side alone. The file also records how far librosa's own all-float32 path lands from it, for orientation.

Usage (from anywhere):  python tools/reference/make_librosa_fixture.py
Needs: librosa, numpy, scipy.
"""
from __future__ import annotations

import json
import pathlib

import librosa
import numpy as np
import scipy
import scipy.signal

REPO = pathlib.Path(__file__).resolve().parents[2]
OUT = REPO / "src" / "test" / "resources" / "reference" / "librosa-logmel.json"

DURATION_S = 2.5
WINDOW_S = 1.0
LOG_FLOOR = 1e-6

CASES = [
    {"name": "a", "sr": 22050, "n_fft": 512, "hop": 256, "n_mels": 64, "fmin": 0.0, "fmax": 11025.0},
    {"name": "b", "sr": 16000, "n_fft": 512, "hop": 256, "n_mels": 64, "fmin": 0.0, "fmax": 8000.0},
    {"name": "c", "sr": 22050, "n_fft": 1024, "hop": 512, "n_mels": 96, "fmin": 30.0, "fmax": 8000.0},
]

# Sample indices whose float32 values are stored so the Java side can check its signal generator first.
CHECK_INDICES = [0, 1, 2, 100, 1000, 12345, 22049, 22050, 40000]


def signal(sr: int) -> np.ndarray:
    """The test signal, computed in float64 and cast to float32."""
    n = np.arange(int(round(DURATION_S * sr)), dtype=np.float64)
    t = n / sr
    x = (0.5 * np.sin(2 * np.pi * 440.0 * t)
         + 0.25 * np.sin(2 * np.pi * 3000.0 * t + 0.3)
         + 0.1 * np.sin(2 * np.pi * (100.0 * t + 0.5 * (4000.0 / 2.5) * t * t)))
    return x.astype(np.float32)


def librosa_logmel(window: np.ndarray, c: dict, dtype) -> np.ndarray:
    """[F, M] log-mel of one window via librosa (dtype sets the signal and filterbank precision)."""
    s = librosa.feature.melspectrogram(
        y=window.astype(dtype), sr=c["sr"], n_fft=c["n_fft"], hop_length=c["hop"], window="hann",
        center=False, power=2.0, n_mels=c["n_mels"], fmin=c["fmin"], fmax=c["fmax"], htk=False,
        norm="slaney", dtype=dtype)
    return np.log(s + LOG_FLOOR).T


def numpy_logmel(window: np.ndarray, c: dict) -> np.ndarray:
    """The same front-end written out by hand, to confirm the definition matches librosa."""
    n_fft, hop = c["n_fft"], c["hop"]
    frames = 1 + (len(window) - n_fft) // hop
    idx = np.arange(n_fft)[None, :] + hop * np.arange(frames)[:, None]
    hann = scipy.signal.get_window("hann", n_fft, fftbins=True)
    spec = np.abs(np.fft.rfft(window.astype(np.float64)[idx] * hann, axis=1)) ** 2
    fb = librosa.filters.mel(sr=c["sr"], n_fft=n_fft, n_mels=c["n_mels"], fmin=c["fmin"], fmax=c["fmax"],
                             htk=False, norm="slaney", dtype=np.float64)
    return np.log(spec @ fb.T + LOG_FLOOR)


def round_sig(v: float, digits: int) -> float:
    return 0.0 if v == 0 else float(f"{v:.{digits}g}")


def main() -> None:
    out = {
        "description": "librosa log-mel reference for the MECOMP embedding front-end; see "
                       "tools/reference/make_librosa_fixture.py for the signal formula and the definition",
        "librosa_version": librosa.__version__,
        "numpy_version": np.__version__,
        "scipy_version": scipy.__version__,
        "signal": {
            "formula": "t=n/sr; x=0.5*sin(2*pi*440*t)+0.25*sin(2*pi*3000*t+0.3)"
                       "+0.1*sin(2*pi*(100*t+0.5*(4000/2.5)*t*t)); computed in float64, cast to float32",
            "duration_s": DURATION_S,
            "samples": "round(duration_s*sr)",
        },
        "window_s": WINDOW_S,
        "log_floor": LOG_FLOOR,
        "log": "natural",
        "window_function": "periodic hann",
        "center": False,
        "htk": False,
        "norm": "slaney",
        "rounding": "log_mel to 6 decimals; mel_filterbank to 8 significant digits",
        "cases": [],
    }
    for c in CASES:
        sr = c["sr"]
        x = signal(sr)
        w = int(round(sr * WINDOW_S))
        n_windows = len(x) // w
        frames = 1 + (w - c["n_fft"]) // c["hop"]
        windows, worst_def, worst_f32 = [], 0.0, 0.0
        for k in range(n_windows):
            seg = x[k * w:(k + 1) * w]
            ref = librosa_logmel(seg, c, np.float64)
            assert ref.shape == (frames, c["n_mels"]), ref.shape
            worst_def = max(worst_def, float(np.max(np.abs(ref - numpy_logmel(seg, c)))))
            worst_f32 = max(worst_f32, float(np.max(np.abs(ref - librosa_logmel(seg, c, np.float32)))))
            windows.append([[round(float(v), 6) for v in row] for row in ref])
        assert worst_def < 1e-9, f"hand-written front-end differs from librosa by {worst_def}"
        case = dict(c)
        case.update({
            "window_samples": w,
            "frames_per_window": frames,
            "dft_bins": c["n_fft"] // 2 + 1,
            "windows": n_windows,
            "signal_check": {str(i): float(x[i]) for i in CHECK_INDICES if i < len(x)},
            "float32_librosa_max_abs_diff": float(f"{worst_f32:.3g}"),
            "log_mel": windows,
        })
        if c["name"] == "a":
            fb = librosa.filters.mel(sr=sr, n_fft=c["n_fft"], n_mels=c["n_mels"], fmin=c["fmin"], fmax=c["fmax"],
                                     htk=False, norm="slaney", dtype=np.float64)
            case["mel_filterbank"] = [[round_sig(float(v), 8) for v in row] for row in fb]
        out["cases"].append(case)
        print(f"case {c['name']}: {n_windows} windows x {frames} frames x {c['n_mels']} mels; "
              f"hand-written vs librosa max |diff| {worst_def:.2e}; librosa float32 vs float64 {worst_f32:.2e}")
    OUT.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(out, separators=(",", ":"))
    OUT.write_text(text + "\n", encoding="utf-8")
    print(f"wrote {OUT} ({OUT.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
