#!/usr/bin/env python3
"""Speed/accuracy study of log-mel front-end settings; writes docs/frontend-study.md.

For each candidate (n_fft, hop, mel bands, fmin, fmax) at 22,050 Hz with 1-second windows framed on their own
(see FrontEndConfig and tools/reference/make_librosa_fixture.py for the exact definition):

* Cost: multiply-accumulates per 30 s of audio (the exported graph runs the front-end on K = 30 one-second
  windows per song) of the DFT as a matrix product [frames, n_fft] x [n_fft, 2B], B = highest DFT bin any mel
  filter touches + 1, plus the mel product [frames, B] x [B, M]; and the measured median wall time of that
  float32 computation (matmul, square+add, mel matmul, log) in numpy on ONE thread.
* Accuracy proxy: per test clip, log-mel of all its 1 s windows -> concat(mean, std) over all frames per band,
  z-scored per dimension over the set's clips, Euclidean triplet accuracy on the fixed evaluation triplets.

Usage:  python tools/reference/frontend_study.py [--data ../shared/data] [--cache /tmp/...npz] [--runs 21]
Needs: librosa, numpy, scipy, soundfile, threadpoolctl; optional: onnx + onnxruntime (ONNX Runtime timings).
Decoded audio is cached in an npz outside the repo, so each file is decoded at most once (while the cache lives).
Takes about 2 minutes on 2 cores. Time it on a quiet machine: the report records the load average.
"""
from __future__ import annotations

import os

# One BLAS/OpenMP thread, set before numpy loads (OPENBLAS_CORETYPE, if the environment sets it, is left alone).
for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_var] = "1"

import argparse  # noqa: E402
import csv  # noqa: E402
import datetime  # noqa: E402
import importlib.util  # noqa: E402
import math  # noqa: E402
import pathlib  # noqa: E402
import platform  # noqa: E402
import subprocess  # noqa: E402
import time  # noqa: E402

import numpy as np  # noqa: E402
import scipy.signal  # noqa: E402

# optional: times the same front-end (and an illustrative CNN) in ONNX Runtime, the real target
HAVE_ORT = all(importlib.util.find_spec(m) is not None for m in ("onnx", "onnxruntime"))

REPO = pathlib.Path(__file__).resolve().parents[2]
SR = 22050
WINDOW_SAMPLES = SR  # 1.0 s
K_WINDOWS = 30  # windows per song the graph processes
LOG_FLOOR = 1e-6
FMIN = 0.0  # every candidate uses fmin = 0 (as the current default); fmin = 30 is tried on one extra row
TASKS = [("mer4q", "artist"), ("mer4q", "genre"), ("mer4q", "mood"),
         ("gamemusic", "soundtrack"), ("gamemusic", "track")]

# (n_fft, hop, n_mels, fmin, fmax); the first nine are the required candidates, the rest are extra probes.
CONFIGS = [
    (256, 256, 40, FMIN, 8000.0),
    (512, 512, 64, FMIN, 11025.0),
    (512, 256, 64, FMIN, 11025.0),
    (512, 256, 64, FMIN, 8000.0),
    (512, 256, 48, FMIN, 8000.0),
    (1024, 512, 64, FMIN, 11025.0),
    (1024, 512, 96, FMIN, 11025.0),
    (1024, 256, 128, FMIN, 11025.0),
    (2048, 512, 128, FMIN, 11025.0),
    # extra probes around the cheap end
    (256, 256, 32, FMIN, 8000.0),
    (256, 256, 40, FMIN, 11025.0),
    (256, 256, 48, FMIN, 11025.0),
    (512, 512, 40, FMIN, 8000.0),
    (512, 512, 48, FMIN, 8000.0),
    (512, 512, 64, FMIN, 8000.0),
    (512, 256, 32, FMIN, 8000.0),
    (512, 256, 64, 30.0, 11025.0),
    (1024, 512, 48, FMIN, 8000.0),
]


def log(msg: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {msg}", flush=True)


# ---------------------------------------------------------------------------------------------------- data


def read_csv(path: pathlib.Path) -> list[dict]:
    with path.open(newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def load_sets(data: pathlib.Path) -> tuple[dict, dict]:
    """Returns ({set: {clip_id: file}} for clips used in triplets, {(set, task): int array [n, 3] of indices})."""
    files, triplets = {}, {}
    for s in sorted({s for s, _ in TASKS}):
        labels = {r["clip_id"]: r["file"] for r in read_csv(data / s / "labels.csv")}
        rows = {t: read_csv(data / s / "triplets" / f"{t}.csv") for ss, t in TASKS if ss == s}
        ids = sorted({r[k] for rs in rows.values() for r in rs for k in ("anchor", "positive", "negative")})
        files[s] = {i: labels[i] for i in ids}
        index = {i: n for n, i in enumerate(ids)}
        for t, rs in rows.items():
            triplets[(s, t)] = np.array([[index[r["anchor"]], index[r["positive"]], index[r["negative"]]]
                                         for r in rs], dtype=np.int64)
    return files, triplets


def decode_all(data: pathlib.Path, files: dict, cache: pathlib.Path) -> dict:
    """{set: [float32 audio per clip, in sorted clip-id order]}; decodes each file at most once via the cache."""
    cached = {}
    if cache.exists():
        with np.load(cache) as z:
            cached = {k: z[k] for k in z.files}
    audio, fresh, t0 = {}, 0, time.perf_counter()
    import librosa  # imported lazily: only needed on a cache miss
    for s, clips in files.items():
        audio[s] = []
        for cid, rel in clips.items():
            key = f"{s}/{cid}"
            if key not in cached:
                y, _ = librosa.load(str(data / s / rel), sr=SR, mono=True)
                cached[key] = y.astype(np.float32)
                fresh += 1
            audio[s].append(cached[key])
    if fresh:
        cache.parent.mkdir(parents=True, exist_ok=True)
        np.savez(cache, **cached)
    log(f"audio: {sum(len(v) for v in audio.values())} clips, {fresh} decoded now "
        f"({time.perf_counter() - t0:.1f} s), cache {cache}")
    return audio


# ---------------------------------------------------------------------------------------------- front-end


def mel_filterbank(n_fft: int, n_mels: int, fmin: float, fmax: float) -> np.ndarray:
    import librosa
    return librosa.filters.mel(sr=SR, n_fft=n_fft, n_mels=n_mels, fmin=fmin, fmax=fmax, htk=False,
                               norm="slaney", dtype=np.float64)  # [M, n_fft/2+1]


def frames_per_window(n_fft: int, hop: int) -> int:
    return 1 + (WINDOW_SAMPLES - n_fft) // hop


def frame(windows: np.ndarray, n_fft: int, hop: int) -> np.ndarray:
    """[n_win, W] -> [n_win, F, n_fft]; each window framed on its own, no centring or padding."""
    f = frames_per_window(n_fft, hop)
    return np.lib.stride_tricks.sliding_window_view(windows, n_fft, axis=1)[:, ::hop][:, :f]


def clip_logmel(y: np.ndarray, n_fft: int, hop: int, fb: np.ndarray, hann: np.ndarray) -> np.ndarray:
    """Log-mel [n_win * F, M] of all full 1 s windows of a clip (float64, the reference definition)."""
    n_win = len(y) // WINDOW_SAMPLES
    fr = frame(y[:n_win * WINDOW_SAMPLES].reshape(n_win, WINDOW_SAMPLES).astype(np.float64), n_fft, hop)
    power = np.abs(np.fft.rfft(fr * hann, axis=-1)) ** 2
    return np.log(power.reshape(-1, power.shape[-1]) @ fb.T + LOG_FLOOR)


# ---------------------------------------------------------------------------------------------- scoring


def triplet_correct(vectors: np.ndarray, trip: np.ndarray) -> np.ndarray:
    a, p, n = vectors[trip[:, 0]], vectors[trip[:, 1]], vectors[trip[:, 2]]
    return np.linalg.norm(a - p, axis=1) < np.linalg.norm(a - n, axis=1)


def wilson(k: int, n: int, z: float = 1.96) -> tuple[float, float]:
    p = k / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return centre - half, centre + half


# ---------------------------------------------------------------------------------------------- timing


def prepare_cost(n_fft: int, hop: int, fb: np.ndarray, sample: np.ndarray) -> tuple[dict, dict]:
    """Static cost figures and the zero-argument runners to time: the float32 matmul front-end in numpy on
    K_WINDOWS windows, the same as an ONNX graph, and the illustrative CNN on its [F, M] inputs."""
    b = int(np.nonzero(fb.any(axis=0))[0].max()) + 1  # DFT bins actually needed
    hann = scipy.signal.get_window("hann", n_fft, fftbins=True)
    k = np.arange(b)[None, :]
    n = np.arange(n_fft)[:, None]
    # Hann folded into the DFT matrix, as the ONNX graph does: [n_fft, 2B] = [cos | -sin]
    dft = np.concatenate([hann[:, None] * np.cos(2 * np.pi * n * k / n_fft),
                          -hann[:, None] * np.sin(2 * np.pi * n * k / n_fft)], axis=1).astype(np.float32)
    mel = np.ascontiguousarray(fb[:, :b].T).astype(np.float32)  # [B, M]
    f = frames_per_window(n_fft, hop)
    x = np.ascontiguousarray(frame(sample[:K_WINDOWS * WINDOW_SAMPLES].reshape(K_WINDOWS, WINDOW_SAMPLES),
                                   n_fft, hop).reshape(K_WINDOWS * f, n_fft)).astype(np.float32)

    def run() -> np.ndarray:
        y = x @ dft
        re, im = y[:, :b], y[:, b:]
        p = re * re + im * im
        return np.log(p @ mel + np.float32(LOG_FLOOR))

    # sanity: the matmul path equals the rfft definition (up to float32 rounding)
    ref = np.log(np.abs(np.fft.rfft(x.astype(np.float64) * hann, axis=-1)) ** 2 @ fb.T + LOG_FLOOR)
    err = float(np.max(np.abs(run() - ref)))
    assert err < 1e-2, f"matmul front-end differs from rfft front-end by {err}"
    runners = {"numpy": run}
    if HAVE_ORT:
        runners["ort"] = ort_frontend_runner(x, dft, mel, ref.astype(np.float32))
        runners["cnn"] = ort_ref_cnn_runner(f, fb.shape[0])
    rows = K_WINDOWS * f
    cost = {"B": b, "F": f, "rows": rows, "one_bin": int(((fb > 0).sum(axis=1) == 1).sum()),
            "macs_dft": rows * n_fft * 2 * b, "macs_mel": rows * b * fb.shape[0],
            "const_floats": n_fft * 2 * b + b * fb.shape[0], "max_err": err}
    return cost, runners


def time_interleaved(runners: list[dict], runs: int) -> list[dict]:
    """Times every runner `runs` times, round-robin over all configs (so that load from other work on a shared
    machine spreads over all configs instead of hitting a few); returns per config {kind: (median, min) ms}."""
    for rs in runners:
        for fn in rs.values():
            for _ in range(3):
                fn()
    times = [{kind: [] for kind in rs} for rs in runners]
    for _ in range(runs):
        for rs, ts in zip(runners, times):
            for kind, fn in rs.items():
                t0 = time.perf_counter()
                fn()
                ts[kind].append((time.perf_counter() - t0) * 1e3)
    return [{kind: (float(np.median(v)), float(np.min(v))) for kind, v in ts.items()} for ts in times]


def ort_session(model):
    import onnxruntime as ort
    so = ort.SessionOptions()
    so.intra_op_num_threads = 1
    so.inter_op_num_threads = 1
    so.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
    so.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
    return ort.InferenceSession(model.SerializeToString(), so, providers=["CPUExecutionProvider"])


def ort_frontend_runner(x: np.ndarray, dft: np.ndarray, mel: np.ndarray, ref: np.ndarray):
    """The same float32 front-end as an ONNX graph (MatMul, Slice, Mul, Add, MatMul, Add, Log), one thread."""
    from onnx import TensorProto, helper, numpy_helper
    b = mel.shape[0]
    init = [numpy_helper.from_array(dft, "dft"), numpy_helper.from_array(mel, "mel"),
            numpy_helper.from_array(np.array([LOG_FLOOR], np.float32), "floor"),
            numpy_helper.from_array(np.array([0], np.int64), "z"),
            numpy_helper.from_array(np.array([b], np.int64), "b"),
            numpy_helper.from_array(np.array([2 * b], np.int64), "b2"),
            numpy_helper.from_array(np.array([1], np.int64), "ax")]
    nodes = [helper.make_node("MatMul", ["frames", "dft"], ["y"]),
             helper.make_node("Slice", ["y", "z", "b", "ax"], ["re"]),
             helper.make_node("Slice", ["y", "b", "b2", "ax"], ["im"]),
             helper.make_node("Mul", ["re", "re"], ["re2"]),
             helper.make_node("Mul", ["im", "im"], ["im2"]),
             helper.make_node("Add", ["re2", "im2"], ["p"]),
             helper.make_node("MatMul", ["p", "mel"], ["m"]),
             helper.make_node("Add", ["m", "floor"], ["mf"]),
             helper.make_node("Log", ["mf"], ["logmel"])]
    graph = helper.make_graph(
        nodes, "frontend", [helper.make_tensor_value_info("frames", TensorProto.FLOAT, list(x.shape))],
        [helper.make_tensor_value_info("logmel", TensorProto.FLOAT, None)], init)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)])
    model.ir_version = 8
    sess = ort_session(model)
    out = sess.run(None, {"frames": x})[0]
    err = float(np.max(np.abs(out - ref)))
    assert err < 1e-2, f"ONNX front-end differs from rfft front-end by {err}"
    return lambda: sess.run(None, {"frames": x})


def ort_stft_runner(n_fft: int, hop: int, sample: np.ndarray):
    """Runner: ONNX's own STFT operator (opset 17) on the K_WINDOWS raw windows, one thread, for comparison."""
    from onnx import TensorProto, helper, numpy_helper
    win = scipy.signal.get_window("hann", n_fft, fftbins=True).astype(np.float32)
    init = [numpy_helper.from_array(win, "win"), numpy_helper.from_array(np.array(hop, np.int64), "step"),
            numpy_helper.from_array(np.array(n_fft, np.int64), "len"),
            numpy_helper.from_array(np.array([2], np.int64), "ax")]
    nodes = [helper.make_node("Unsqueeze", ["x", "ax"], ["x3"]),
             helper.make_node("STFT", ["x3", "step", "win", "len"], ["out"], onesided=1)]
    graph = helper.make_graph(
        nodes, "stft", [helper.make_tensor_value_info("x", TensorProto.FLOAT, [K_WINDOWS, WINDOW_SAMPLES])],
        [helper.make_tensor_value_info("out", TensorProto.FLOAT, None)], init)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)])
    model.ir_version = 8
    sess = ort_session(model)
    x = np.ascontiguousarray(sample[:K_WINDOWS * WINDOW_SAMPLES].reshape(K_WINDOWS, WINDOW_SAMPLES))
    return lambda: sess.run(None, {"x": x})


# channels of the illustrative CNN; 3x3 convs, ReLU, 2x2 max-pool after each but the last, global average pool
REF_CNN = [16, 32, 64, 64]


def ref_cnn_macs_per_cell() -> float:
    macs, c_in, area = 0.0, 1, 1.0
    for i, c in enumerate(REF_CNN):
        macs += 9 * c_in * c * area
        c_in = c
        if i < len(REF_CNN) - 1:
            area /= 4
    return macs


def ort_ref_cnn_runner(f: int, m: int):
    """Runner: one-thread ORT run of the illustrative CNN on K_WINDOWS inputs of [F, M] (random weights)."""
    from onnx import TensorProto, helper, numpy_helper
    rng = np.random.default_rng(1)
    nodes, init, cur, c_in = [], [], "x", 1
    for i, c in enumerate(REF_CNN):
        w = (rng.standard_normal((c, c_in, 3, 3)) / math.sqrt(9 * c_in)).astype(np.float32)
        init += [numpy_helper.from_array(w, f"w{i}"), numpy_helper.from_array(np.zeros(c, np.float32), f"b{i}")]
        nodes.append(helper.make_node("Conv", [cur, f"w{i}", f"b{i}"], [f"c{i}"], pads=[1, 1, 1, 1]))
        nodes.append(helper.make_node("Relu", [f"c{i}"], [f"r{i}"]))
        cur = f"r{i}"
        if i < len(REF_CNN) - 1:
            nodes.append(helper.make_node("MaxPool", [cur], [f"p{i}"], kernel_shape=[2, 2], strides=[2, 2]))
            cur = f"p{i}"
        c_in = c
    nodes.append(helper.make_node("GlobalAveragePool", [cur], ["out"]))
    graph = helper.make_graph(
        nodes, "refcnn", [helper.make_tensor_value_info("x", TensorProto.FLOAT, [K_WINDOWS, 1, f, m])],
        [helper.make_tensor_value_info("out", TensorProto.FLOAT, None)], init)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)])
    model.ir_version = 8
    sess = ort_session(model)
    x = rng.standard_normal((K_WINDOWS, 1, f, m)).astype(np.float32)
    return lambda: sess.run(None, {"x": x})


# ---------------------------------------------------------------------------------------------- report


def machine() -> dict:
    info = {"python": platform.python_version(), "numpy": np.__version__}
    try:
        out = subprocess.run(["lscpu"], capture_output=True, text=True, check=False).stdout
        for line in out.splitlines():
            if line.startswith("Model name:"):
                info["cpu"] = line.split(":", 1)[1].strip()
    except OSError:
        info["cpu"] = platform.processor() or "unknown"
    info["cores"] = os.cpu_count()
    try:
        from threadpoolctl import threadpool_info
        pools = threadpool_info()
        info["blas"] = "; ".join(f"{p.get('internal_api')} {p.get('version')} kernel={p.get('architecture')} "
                                 f"threads={p.get('num_threads')}" for p in pools) or "none reported"
    except ImportError:
        info["blas"] = "threadpoolctl not installed"
    if HAVE_ORT:
        import onnxruntime
        info["ort"] = onnxruntime.__version__
    info["openblas_coretype"] = os.environ.get("OPENBLAS_CORETYPE", "(unset)")
    return info


def name(c: tuple) -> str:
    n_fft, hop, m, fmin, fmax = c
    return f"{n_fft}/{hop}/{m}/{fmin:g}-{fmax:g}"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=pathlib.Path, default=REPO.parent / "shared" / "data")
    ap.add_argument("--cache", type=pathlib.Path, default=pathlib.Path("/tmp/mecomp-frontend-study-audio.npz"))
    ap.add_argument("--out", type=pathlib.Path, default=REPO / "docs" / "frontend-study.md")
    ap.add_argument("--runs", type=int, default=21, help="timed runs per config (median reported), >= 7")
    ap.add_argument("--bootstrap", type=int, default=2000)
    args = ap.parse_args()
    assert args.runs >= 7
    t_start = time.perf_counter()
    import librosa

    files, triplets = load_sets(args.data)
    audio = decode_all(args.data, files, args.cache)
    # a 30 s stretch of real music for timing: the longest mer4q test clip
    sample = max(audio["mer4q"], key=len)
    assert len(sample) >= K_WINDOWS * WINDOW_SAMPLES, "need a clip of at least 30 s for timing"

    results, runners = [], []
    for c in CONFIGS:
        n_fft, hop, m, fmin, fmax = c
        fb = mel_filterbank(n_fft, m, fmin, fmax)
        hann = scipy.signal.get_window("hann", n_fft, fftbins=True)
        t0 = time.perf_counter()
        correct = {}
        for s in audio:
            vec = []
            for y in audio[s]:
                lm = clip_logmel(y, n_fft, hop, fb, hann)
                vec.append(np.concatenate([lm.mean(axis=0), lm.std(axis=0)]))
            v = np.stack(vec)
            sd = v.std(axis=0)
            v = (v - v.mean(axis=0)) / np.where(sd > 0, sd, 1.0)
            for (ss, t), trip in triplets.items():
                if ss == s:
                    correct[(s, t)] = triplet_correct(v, trip)
        t_feat = time.perf_counter() - t0
        cost, runner = prepare_cost(n_fft, hop, fb, sample)
        runners.append(runner)
        acc = {k: float(v.mean()) for k, v in correct.items()}
        mean = float(np.mean([acc[k] for k in TASKS]))
        results.append({"config": c, "cost": cost, "correct": correct, "acc": acc, "mean": mean})
        log(f"{name(c):>22}: F x M = {cost['F']} x {m}, B = {cost['B']}, "
            f"MACs/30 s = {(cost['macs_dft'] + cost['macs_mel']) / 1e6:.1f} M, "
            f"acc {' '.join(f'{acc[k]:.3f}' for k in TASKS)} mean {mean:.4f} (features {t_feat:.1f} s)")

    t0 = time.perf_counter()
    load_before = os.getloadavg()[0]
    timed = time_interleaved(runners, args.runs)
    load_after = os.getloadavg()[0]
    for r, tm in zip(results, timed):
        k = r["cost"]
        k["ms_median"], k["ms_min"] = tm["numpy"]
        k["ort_ms"] = tm["ort"][0] if "ort" in tm else None
        k["cnn_ms"] = tm["cnn"][0] if "cnn" in tm else None
        log(f"{name(r['config']):>22}: numpy {k['ms_median']:.2f} ms (min {k['ms_min']:.2f})"
            + (f", ORT {k['ort_ms']:.2f} ms, CNN {k['cnn_ms']:.2f} ms" if HAVE_ORT else ""))
    log(f"timing: {args.runs} interleaved rounds in {time.perf_counter() - t0:.0f} s, "
        f"1-min load average {load_before:.2f} before, {load_after:.2f} after")

    # noise: Wilson 95% interval of one task's accuracy (n = 1000 triplets)
    n_trip = {k: len(v) for k, v in triplets.items()}
    best = max(results, key=lambda r: r["mean"])
    half_widths = []
    for k in TASKS:
        kk = round(best["acc"][k] * n_trip[k])
        lo, hi = wilson(kk, n_trip[k])
        half_widths.append((hi - lo) / 2)
    worst_half = max(half_widths)
    lo5, hi5 = wilson(500, 1000)
    noise = (hi5 - lo5) / 2  # the widest Wilson half-width at n = 1000 (p = 0.5)

    # paired bootstrap of the mean-accuracy difference to the best config (same triplets for every config)
    rng = np.random.default_rng(0)
    idx = {k: rng.integers(0, n_trip[k], size=(args.bootstrap, n_trip[k])) for k in TASKS}
    for r in results:
        diffs = np.mean([r["correct"][k][idx[k]].mean(axis=1) - best["correct"][k][idx[k]].mean(axis=1)
                         for k in TASKS], axis=0)
        r["diff"] = r["mean"] - best["mean"]
        r["diff_ci"] = (float(np.percentile(diffs, 2.5)), float(np.percentile(diffs, 97.5)))
        r["within_noise"] = r["mean"] >= best["mean"] - noise

    # Recommendation: among configs within noise of the best, the cheapest for the model. Cost = one-thread
    # ONNX Runtime time of the front-end plus the illustrative CNN on its F x M input (both grow with these
    # settings; the GRU does not depend on them). Configs whose cost is within TIE_MS of the cheapest count as
    # tied (well above the run-to-run timing noise on a shared machine), and the tie goes to the higher mean
    # accuracy.
    for r in results:
        k = r["cost"]
        r["total_ms"] = (k["ort_ms"] + k["cnn_ms"]) if HAVE_ORT else k["ms_median"]
    eligible = [r for r in results if r["within_noise"]]
    cheapest = min(r["total_ms"] for r in eligible)
    tied = [r for r in eligible if r["total_ms"] <= cheapest + TIE_MS]
    rec = max(tied, key=lambda r: (r["mean"], -r["total_ms"]))

    if HAVE_ORT:  # ONNX's STFT operator for the chosen framing, to show why the graph uses a matmul DFT
        rec["stft_ms"] = time_interleaved([{"stft": ort_stft_runner(rec["config"][0], rec["config"][1], sample)}],
                                          args.runs)[0]["stft"][0]

    info = machine()
    info["load"] = (load_before, load_after)
    write_report(args, results, best, rec, tied, noise, worst_half, n_trip,
                 {s: len(v) for s, v in files.items()}, info, librosa.__version__,
                 time.perf_counter() - t_start)
    log(f"recommended {name(rec['config'])}; wrote {args.out} in {time.perf_counter() - t_start:.0f} s")


TIE_MS = 1.0  # 10% of the 10 ms per-song budget


def write_report(args, results, best, rec, tied, noise, worst_half, n_trip, n_clips, info, librosa_version,
                 seconds) -> None:
    pct = lambda v: f"{100 * v:.1f}"  # noqa: E731
    cnn_cell = ref_cnn_macs_per_cell()
    L = []
    L.append("# Front-end study: frame length, hop and mel bands")
    L.append("")
    L.append(f"Generated by `tools/reference/frontend_study.py` on {datetime.date.today().isoformat()} "
             f"(run time {seconds / 60:.1f} min). Rerun it to refresh every number here; all text below is "
             "generated by the script, including the recommendation.")
    L.append("")
    L.append("## Why this matters")
    L.append("")
    L.append("The exported model runs the front-end inside the ONNX graph (a DFT as a matrix product, then the mel "
             "matrix) on K = 30 one-second windows per song, so it processes 30 s of audio per song whatever "
             "the song's length, and the whole model (front-end + CNN + GRU) must stay within **10 ms per song on "
             "one core**. Frame length, hop and band count set the front-end's cost, the CNN's input size "
             "(F frames x M bands per window) and what the model can hear.")
    L.append("")
    L.append("## Method")
    L.append("")
    L.append(f"* Front-end as in `FrontEndConfig`: {SR} Hz mono, 1 s windows of {WINDOW_SAMPLES} samples, each "
             "framed on its own (frames at 0, hop, 2 hop, ... while start + n_fft <= window; no centring, no "
             "padding), periodic Hann, |rfft|^2, librosa Slaney mel filterbank (`htk=False, norm='slaney'`), "
             f"ln(mel + {LOG_FLOOR:g}). fmin = 0 Hz for every candidate (as the current default); one extra "
             "row tries fmin = 30 Hz.")
    L.append("* **Cost.** `MACs` = multiply-accumulates per 30 s of audio (30 windows x F frames) of the DFT "
             "product [30F, n_fft] x [n_fft, 2B] (Hann folded into the matrix; B = highest DFT bin any mel filter "
             "touches + 1) plus the mel product [30F, B] x [B, M]. `numpy ms` = median of "
             f"{args.runs} runs (after 3 warm-ups; the runs of all configs are interleaved round-robin so that "
             "load from other work spreads over all of them) of that float32 computation in numpy (DFT matmul, re^2 + im^2, "
             "mel matmul, log) on one thread (`OMP_NUM_THREADS=OPENBLAS_NUM_THREADS=MKL_NUM_THREADS=1`), "
             "starting from the already framed [30F, n_fft] matrix (framing is a reshape when hop = n_fft and a "
             "strided gather otherwise). "
             + ("`ORT ms` = the same computation as an ONNX graph (MatMul, Slice, Mul, Add, MatMul, Add, Log) in "
                "ONNX Runtime with one intra-op and one inter-op thread, median of the same number of runs. "
                f"`CNN ms` = ONNX Runtime time, one thread, of an *illustrative* CNN (not the project's model, "
                f"which does not exist yet) on the 30 inputs of [F, M]: 3x3 convolutions with "
                f"{'-'.join(str(c) for c in REF_CNN)} channels, ReLU, 2x2 max-pool after all but the last, global "
                f"average pool; {cnn_cell:.0f} MACs per input cell, so its cost is proportional to F x M. "
                "It is there to put the CNN's share of the budget on the same scale as the front-end's. "
                if HAVE_ORT else "")
             + "`consts` = size of the float32 DFT and mel matrices the graph carries. `1-bin` = mel filters "
             "that touch a single DFT bin (too narrow for the frequency resolution).")
    L.append("* **Accuracy proxy** (no learning): every clip that appears in a test triplet (mer4q: "
             f"{n_clips['mer4q']} clips, gamemusic: {n_clips['gamemusic']} clips), decoded once with "
             "`librosa.load(sr=22050, mono=True)`; log-mel of all its full 1 s windows; clip vector = "
             "concat(mean, std) over all frames per band (2M numbers); each dimension z-scored over the clips of "
             "its set; triplet accuracy with Euclidean distance, correct iff d(a,p) < d(a,n) strictly, on the "
             "fixed triplet files (" + ", ".join(f"{s}/{t}: {n_trip[(s, t)]}" for s, t in TASKS) + ").")
    L.append(f"* **Noise.** The 95% Wilson interval of one task's accuracy at n = 1000 is at most "
             f"±{100 * noise:.1f} points (p = 0.5; ±{100 * worst_half:.1f} at the best config's accuracies). "
             f"A config is *within noise* of the best when its mean accuracy over the five tasks is at most "
             f"{100 * noise:.1f} points below the best mean. Every config is scored on the same triplets, so the "
             "table also gives a paired bootstrap 95% interval (triplets resampled within each task, "
             f"{args.bootstrap} draws) of its mean-accuracy difference to the best config; it is much tighter "
             "than the Wilson band and shows which small differences are systematic.")
    L.append("")
    L.append("## Machine")
    L.append("")
    L.append(f"* CPU (`lscpu` model name): {info.get('cpu', 'unknown')}, {info['cores']} cores; all timings on "
             "one thread.")
    L.append(f"* BLAS (threadpoolctl): {info['blas']}; OPENBLAS_CORETYPE {info['openblas_coretype']}.")
    L.append(f"* Python {info['python']}, numpy {info['numpy']}, librosa {librosa_version}"
             + (f", onnxruntime {info['ort']}" if "ort" in info else "") + ".")
    L.append("* The machine is shared with other work, so single timings can jump; medians are robust to that "
             "(the numpy minimum is given too). 1-minute load average when the timing started / ended: "
             f"{info['load'][0]:.2f} / {info['load'][1]:.2f} (this run's own timing loop adds about 1).")
    L.append("")
    L.append("## Results")
    L.append("")
    L.append("Config = n_fft / hop / M / fmin-fmax (Hz). MACs and times are per 30 s of audio, i.e. per song. "
             "Accuracies in percent (chance 50).")
    L.append("")
    head = ["config", "F x M", "B", "1-bin", "MACs (M) DFT + mel", "numpy ms (min)"]
    if HAVE_ORT:
        head += ["ORT ms", "CNN ms", "FE + CNN ms"]
    head += ["consts (KB)"] + [f"{s}/{t}" for s, t in TASKS] + ["mean", "vs best, paired 95% CI"]
    L.append("| " + " | ".join(head) + " |")
    L.append("|" + "|".join(["---"] + ["---:"] * (len(head) - 1)) + "|")
    for r in results:
        c, k = r["config"], r["cost"]
        tags = []
        if r is best:
            tags.append("**best**")
        if not r["within_noise"]:
            tags.append("*out of noise*")
        if r is rec:
            tags.append("**recommended**")
        cells = [f"{name(c)} {' '.join(tags)}".strip(), f"{k['F']} x {c[2]} = {k['F'] * c[2]}", str(k["B"]),
                 str(k["one_bin"]),
                 f"{(k['macs_dft'] + k['macs_mel']) / 1e6:.0f} = {k['macs_dft'] / 1e6:.0f} + "
                 f"{k['macs_mel'] / 1e6:.0f}",
                 f"{k['ms_median']:.2f} ({k['ms_min']:.2f})"]
        if HAVE_ORT:
            cells += [f"{k['ort_ms']:.2f}", f"{k['cnn_ms']:.2f}", f"{r['total_ms']:.2f}"]
        cells += [f"{4 * k['const_floats'] / 1024:.0f}"]
        cells += [pct(r["acc"][t]) for t in TASKS]
        cells += [f"**{pct(r['mean'])}**",
                  f"{100 * r['diff']:+.1f} [{100 * r['diff_ci'][0]:+.1f}, {100 * r['diff_ci'][1]:+.1f}]"]
        L.append("| " + " | ".join(cells) + " |")
    L.append("")
    L.append("## Recommendation")
    L.append("")
    rc, rk = rec["config"], rec["cost"]
    fe_key = "ort_ms" if HAVE_ORT else "ms_median"
    L.append(f"**Default: sr = {SR}, n_fft = {rc[0]}, hop = {rc[1]}, M = {rc[2]}, fmin = {rc[3]:g}, "
             f"fmax = {rc[4]:g}** (window 1 s, log floor {LOG_FLOOR:g}).")
    L.append("")
    within = [r for r in results if r["within_noise"]]
    L.append(f"* Accuracy: the best mean is {pct(best['mean'])}% ({name(best['config'])}). "
             f"{len(within)} of {len(results)} configs are within {100 * noise:.1f} points of it; the proxy barely "
             "separates them (all means lie between "
             f"{pct(min(r['mean'] for r in results))}% and {pct(max(r['mean'] for r in results))}%), so accuracy "
             "does not decide the default: cost does.")
    fe = "ORT ms" if HAVE_ORT else "numpy ms"
    over = [r for r in within if (r["cost"]["ort_ms"] if HAVE_ORT else r["cost"]["ms_median"]) > 10.0]
    if over:
        L.append("* Cost: the DFT-by-matmul grows with n_fft x (n_fft / hop) x B, and runs close to the core's "
                 f"peak already (e.g. {name(over[0]['config'])}: "
                 f"{(over[0]['cost']['macs_dft'] + over[0]['cost']['macs_mel']) / 1e6:.0f} M MACs in "
                 f"{over[0]['cost']['ort_ms' if HAVE_ORT else 'ms_median']:.1f} ms, "
                 f"{(over[0]['cost']['macs_dft'] + over[0]['cost']['macs_mel']) / over[0]['cost'][fe_key] / 1e6:.0f}"
                 " G MAC/s on one core), so a faster matmul kernel would not make it much cheaper. "
                 f"These configs spend the whole 10 ms budget on the front-end alone ({fe} > 10): "
                 + ", ".join(name(r["config"]) for r in over) + ". Overlapping frames (hop < n_fft) double "
                 "the front-end cost for no measurable gain here.")
    L.append(f"* Rule: among the configs within noise, the one with the lowest front-end + CNN time "
             f"({'ORT ms + CNN ms' if HAVE_ORT else 'numpy ms'}); configs within {TIE_MS:g} ms (10% of the "
             "budget, well above the run-to-run timing noise of a few tenths of a ms) of that lowest time count "
             "as tied, and the tie goes to the higher mean accuracy. Tied: "
             + ", ".join(f"{name(r['config'])} ({r['total_ms']:.2f} ms, {pct(r['mean'])}%)" for r in tied) + ".")
    L.append(f"* Chosen: {name(rc)}: F x M = {rk['F']} x {rc[2]} = {rk['F'] * rc[2]} per window, "
             f"{(rk['macs_dft'] + rk['macs_mel']) / 1e6:.0f} M MACs and "
             + (f"{rk['ort_ms']:.2f} ms (ORT) / " if HAVE_ORT else "")
             + f"{rk['ms_median']:.2f} ms (numpy) per song for the front-end on one core"
             + (f", {rk['cnn_ms']:.2f} ms for the illustrative CNN" if HAVE_ORT else "")
             + f"; mean accuracy {pct(rec['mean'])}% ({100 * rec['diff']:+.1f} points vs the best, paired 95% CI "
             f"[{100 * rec['diff_ci'][0]:+.1f}, {100 * rec['diff_ci'][1]:+.1f}]). It is within the Wilson band "
             "of the best; the paired interval says the small gap is systematic on this no-learning proxy, "
             "and the best config's front-end alone is "
             f"{best['cost'][fe_key] / 10.0:.0f}x the whole budget.")
    fe_cheapest = min(within, key=lambda r: r["cost"][fe_key])
    if fe_cheapest is not rec:
        fc, fk = fe_cheapest["config"], fe_cheapest["cost"]
        saved = rk[fe_key] - fk[fe_key]
        text = (f"* The cheapest front-end alone within noise is {name(fc)} ({fk[fe_key]:.2f} ms vs "
                f"{rk[fe_key]:.2f} ms), but with hop {fc[1]} it gives F x M = {fk['F'] * fc[2]} cells per window "
                f"against {rk['F'] * rc[2]}")
        if HAVE_ORT:
            extra = fk["cnn_ms"] - rk["cnn_ms"]
            net = extra - saved
            text += (f": its front-end saves {saved:.2f} ms and the illustrative CNN spends {extra:.2f} ms more, "
                     f"so in total it is {abs(net):.2f} ms {'dearer' if net > 0 else 'cheaper'}")
            if fe_cheapest in tied:
                text += f"; it is in the tie and loses it on accuracy ({pct(fe_cheapest['mean'])}%)"
        if fk["one_bin"]:
            text += (f"; {fk['one_bin']} of its {fc[2]} mel filters touch a single DFT bin "
                     f"({SR / fc[0]:.0f} Hz bins)")
        text += "."
        if fc[0] < rc[0]:
            text += (f" The chosen framing also resolves {SR / rc[0]:.0f} Hz instead of {SR / fc[0]:.0f} Hz per DFT "
                     "bin (bass and pitch detail)")
            text += ", and with hop = n_fft its framing in the graph is a plain reshape." if rc[1] == rc[0] else "."
        L.append(text)
    up = [r for r in within if r["mean"] > rec["mean"] and r["cost"][fe_key] < 10.0 and r is not rec]
    if up:
        up = sorted(up, key=lambda r: r["total_ms"])[:3]
        L.append("* Steps up if the model leaves room (more accurate, front-end under 10 ms, cheapest first): "
                 + "; ".join(f"{name(r['config'])} (mean {pct(r['mean'])}%, {100 * (r['mean'] - rec['mean']):+.1f} "
                             f"points; front-end {r['cost'][fe_key]:.2f} ms, F x M = "
                             f"{r['cost']['F'] * r['config'][2]}"
                             + (f", front-end + CNN {r['total_ms']:.2f} ms" if HAVE_ORT else "") + ")" for r in up)
                 + ". Across the table the tendency is small but systematic (paired intervals): a wider band "
                 "(fmax 11025) and more bands help a little, overlapping frames do not.")
    cur = [r for r in results if r["config"] == (512, 256, 64, 0.0, 11025.0)]
    if cur and cur[0] is not rec:
        ck = cur[0]["cost"]
        L.append(f"* The previous default 512/256/64/0-11025 scores {pct(cur[0]['mean'])}% but its front-end "
                 f"alone takes {ck[fe_key]:.2f} ms per song ({(ck['macs_dft'] + ck['macs_mel']) / 1e6:.0f} M MACs), "
                 + ("more than" if ck[fe_key] > 10 else "most of")
                 + " the whole 10 ms budget: the 50% overlap doubles the DFT work and the F x M input.")
    if "stft_ms" in rec:
        L.append(f"* For the chosen framing, ONNX's own `STFT` operator (opset 17) takes {rec['stft_ms']:.2f} ms "
                 f"in ONNX Runtime on one thread against {rk['ort_ms']:.2f} ms for the matmul DFT + mel + log, "
                 "so the graph should keep the DFT as a matrix product.")
    L.append("* Caveat: the proxy is a bag-of-frames statistic without learning; a trained CNN may use time and "
             "frequency detail that it cannot see. It ranks settings by what the log-mel keeps, not by what a "
             "model will reach.")
    L.append("")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text("\n".join(L), encoding="utf-8")


if __name__ == "__main__":
    main()
