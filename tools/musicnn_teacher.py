#!/usr/bin/env python3
"""Teacher vectors for `train --teacher` from musicnn's pretrained network: one 200-d row per clip of a data set.

musicnn (Pons & Serra, "musicnn: pre-trained convolutional neural networks for music audio tagging", 2019; PyPI
`musicnn` 0.1.0, ISC licence) ships two checkpoints inside its wheel, MSD_musicnn (Million Song Dataset tags) and
MTT_musicnn (MagnaTagATune tags). A clip's vector is the network's penultimate layer (the 200-unit dense layer,
batch-normalised, before the 50 tag outputs: what musicnn calls 'penultimate'), averaged over the clip's 3 s
patches. The front-end is musicnn's own (its extractor.py and configuration.py): librosa decodes to 16 kHz mono,
mel power with n_fft 512, hop 256 and 96 bands, cast to float16, log10(1 + 10000 x); patches of 187 frames (3 s)
taken every 187 frames, as `extractor()` takes them by default; the tail shorter than a patch is dropped. A clip
shorter than one patch is repeated to fill it ("repeat-pad", as musicnn's training did).

Why not musicnn's `extractor()`: from the second batch on it appends the FIRST batch's penultimate layer again
(its loop unpacks the new one into `backend_` and concatenates `penultimate_`), so every patch gets patch 0's
row. This script builds the package's graph and restores the checkpoint itself, as `extractor()` does for the
taggram, and evaluates the penultimate tensor over all of a clip's patches in one batch (batch normalisation
runs in inference mode, so a row does not depend on its batch). `--check` proves it on the first clip: the
front-end gives `batch_data()`'s patches, the tags match `extractor()`'s taggram, row 0 matches its row 0, the
rows differ between patches where its rows are all equal, and one batch gives the rows of one-patch batches.

Install (a venv, not system-wide; musicnn pins numpy < 1.17, hence --no-deps; measured on Python 3.11):
    python3 -m venv /work/venv-musicnn
    /work/venv-musicnn/bin/pip install --no-deps musicnn==0.1.0
    /work/venv-musicnn/bin/pip install tensorflow-cpu==2.15.1 librosa==0.10.2 numpy==1.26.4

Usage: /work/venv-musicnn/bin/python tools/musicnn_teacher.py --data DIR --out CSV
           [--model MSD_musicnn|MTT_musicnn] [--split train|test|all] [--limit N] [--threads N]
           [--plain-ids] [--l2] [--check]
       e.g. nice -n 19 /work/venv-musicnn/bin/python tools/musicnn_teacher.py --data ../shared/data/mer4q \\
                --out musicnn-msd-mer4q.csv
Writes `clip_id,d0,...,d199`, one row per clip in labels.csv's order, each id `<set>/<clip id>` with <set> the
data set folder's name (the key `train --teacher` tries first, so files of several sets join by concatenation,
one header kept). --plain-ids writes the plain clip id instead: `eval --embeddings` matches rows by it only, and
tools/teacher_csv.py (for --standardise) adds the `<set>/` itself. A clip that fails to decode is reported on
stderr with its file and the reason, and the rest go on; exit 1 only if no row was written. Written atomically
(a temporary file, then a rename).

With --l2 each clip's mean vector is divided by its length. Euclidean distances then rank as cosine distances,
and `eval --embeddings` on mer4q (artist / genre / mood triplet accuracy) gives MSD_musicnn 93.9 / 84.0 / 73.0
(95.7 / 82.0 / 67.1 without --l2) and MTT_musicnn 90.9 / 78.4 / 74.5 (91.3 / 73.2 / 72.7 without).

Cost measured on the shared 2-core machine at nice 19, one thread, a training job running beside it: 3 s of
CPU to load a checkpoint, then 0.48 s of CPU per 30 s mer4q clip (10 patches; 350 s of CPU, 6 min, for the 732)
and 0.32 s per 20 s gamemusic clip (6 patches; about 5 min for the 886), either checkpoint; 1.0 GB of memory.
Measured again with MTT_musicnn over the train splits of the four training sets (4,356 clips), as two
one-thread processes side by side and nothing else running: 1.30 s of CPU per mer4q clip, 0.73-0.74 s per 20 s
clip of the others, 3,525 s of CPU in all, 30 min wall, up to 1.03 GB resident each. `--threads 2` is no faster
here: one process at two threads took 1.24 s of CPU per mer4q clip and 0.65 s wall, so run one process per core
instead (one set each). `--split train` is enough for `train --teacher`, which uses training clips only.
"""
import argparse
import contextlib
import csv
import os
import sys
import time
import warnings

MODELS = ("MSD_musicnn", "MTT_musicnn")
DIMS = 200


def read_clips(data, split):
    path = os.path.join(data, "labels.csv")
    with open(path, newline="", encoding="utf-8") as f:
        reader = csv.DictReader(f)
        missing = {"clip_id", "file", "split"} - set(reader.fieldnames or [])
        if missing:
            sys.exit(f"{path}:1: missing column(s) {', '.join(sorted(missing))}")
        rows = list(reader)
    return [(r["clip_id"], os.path.join(data, r["file"])) for r in rows if split == "all" or r["split"] == split]


class Musicnn:
    """musicnn's graph with a checkpoint restored: log-mel patches in, penultimate rows and tag scores out."""

    def __init__(self, model, threads):
        import librosa
        import tensorflow as tf
        from musicnn import configuration as config
        from musicnn import models

        tf.compat.v1.disable_eager_execution()
        # models.py uses tf.compat.v1.layers, each call of which warns that it is deprecated
        warnings.filterwarnings("ignore", message=r".*is deprecated", category=UserWarning)
        # librosa.load's fallback from soundfile to audioread: a failure is reported with both reasons instead
        warnings.filterwarnings("ignore", message="PySoundFile failed", category=UserWarning)
        warnings.filterwarnings("ignore", message=r"(?s).*__audioread_load", category=FutureWarning)
        self.tf, self.librosa, self.config = tf, librosa, config
        labels = config.MSD_LABELS if model.startswith("MSD") else config.MTT_LABELS
        # as extractor(): 3 s in frames, plus one
        self.n_frames = librosa.time_to_frames(3, sr=config.SR, n_fft=config.FFT_SIZE,
                                               hop_length=config.FFT_HOP) + 1
        self.graph = tf.Graph()
        with self.graph.as_default():
            with tf.name_scope("model"):
                self.x = tf.compat.v1.placeholder(tf.float32, [None, self.n_frames, config.N_MELS])
                self.is_training = tf.compat.v1.placeholder(tf.bool)
                outputs = models.define_model(self.x, self.is_training, model, len(labels))
                self.tags = tf.nn.sigmoid(outputs[0])
                self.penultimate = outputs[-1]
            session_config = tf.compat.v1.ConfigProto(intra_op_parallelism_threads=threads,
                                                      inter_op_parallelism_threads=1)
            self.session = tf.compat.v1.Session(graph=self.graph, config=session_config)
            # unlike extractor(), no bare except: a checkpoint that does not restore is an error, not random weights
            checkpoint = os.path.join(os.path.dirname(models.__file__), model) + "/"
            tf.compat.v1.train.Saver().restore(self.session, checkpoint)
        if self.penultimate.shape[-1] != DIMS:
            raise RuntimeError(f"{model}: penultimate layer has {self.penultimate.shape[-1]} units, expected {DIMS}")

    def log_mel(self, path):
        """batch_data()'s spectrogram: (frames, 96) float."""
        import numpy as np
        c = self.config
        audio, sr = self.librosa.load(path, sr=c.SR)
        if audio.size == 0:
            raise ValueError("no audio samples")
        rep = self.librosa.feature.melspectrogram(y=audio, sr=sr, hop_length=c.FFT_HOP, n_fft=c.FFT_SIZE,
                                                  n_mels=c.N_MELS).T
        return np.log10(10000 * rep.astype(np.float16) + 1)

    def patches(self, rep):
        """batch_data()'s patches, hop = patch length; a spectrogram shorter than one patch is repeated to fill it."""
        import numpy as np
        n = self.n_frames
        if rep.shape[0] < n:
            rep = np.tile(rep, (-(-n // rep.shape[0]), 1))[:n]
        starts = range(0, rep.shape[0] - n + 1, n)
        return np.stack([rep[s:s + n] for s in starts])

    def run(self, batch):
        """(penultimate rows, tag scores) of every patch in batch."""
        return self.session.run([self.penultimate, self.tags], feed_dict={self.x: batch, self.is_training: False})

    def vector(self, path):
        rows, _ = self.run(self.patches(self.log_mel(path)))
        return rows.mean(axis=0)


def check(net, model, path):
    """Compares this script's path with musicnn's own on one file; exits on a difference."""
    import numpy as np
    from musicnn import extractor as mx

    print(f"check on {path}:", file=sys.stderr)
    ref_batch, _ = mx.batch_data(path, net.n_frames, net.n_frames)
    batch = net.patches(net.log_mel(path))
    rows, tags = net.run(batch)
    one_by_one = np.concatenate([net.run(batch[i:i + 1])[0] for i in range(len(batch))])
    with contextlib.redirect_stdout(sys.stderr):  # extractor() prints its progress
        ref_tags, _, ref_features = mx.extractor(path, model=model, input_length=3, extract_features=True)
    ref_rows = ref_features["penultimate"]
    if len(rows) < 2:
        sys.exit(f"check: {path} has {len(rows)} patch; it needs a clip of two patches (6 s) or more")
    pair_gaps = [np.abs(rows[i] - rows[j]).max() for i in range(len(rows)) for j in range(i)]
    results = [
        ("front-end equals musicnn's batch_data()", batch.shape == ref_batch.shape
         and np.array_equal(batch, ref_batch), f"{batch.shape[0]} patches of {batch.shape[1]} x {batch.shape[2]}"),
        ("tag scores equal extractor()'s taggram", np.allclose(tags, ref_tags, atol=1e-5),
         f"max |diff| {np.abs(tags - ref_tags).max():.2e}"),
        ("row 0 equals extractor()'s row 0", np.allclose(rows[0], ref_rows[0], atol=1e-5),
         f"max |diff| {np.abs(rows[0] - ref_rows[0]).max():.2e}"),
        ("rows of two different patches differ", min(pair_gaps) > 1e-3,
         f"max |row 1 - row 0| {pair_gaps[0]:.3f}; over all pairs of patches, the least max |row i - row j| "
         f"{min(pair_gaps):.3f}"),
        ("one batch equals one-patch batches", np.allclose(rows, one_by_one, atol=1e-5),
         f"max |diff| {np.abs(rows - one_by_one).max():.2e}"),
    ]
    for name, ok, detail in results:
        print(f"  {'ok  ' if ok else 'FAIL'} {name}" + (f" ({detail})" if detail else ""), file=sys.stderr)
    repeated = all(np.array_equal(r, ref_rows[0]) for r in ref_rows)
    print(f"  note: extractor()'s {len(ref_rows)} penultimate rows are "
          + ("all its row 0 (the bug this script avoids)" if repeated else "not all equal (the bug fixed?)"),
          file=sys.stderr)
    if not all(ok for _, ok, _ in results):
        sys.exit("check failed")


def reason(e):
    """An exception and the ones it was raised while handling (librosa's audioread error after soundfile's)."""
    parts = []
    while e is not None and len(parts) < 3:
        parts.append(f"{type(e).__name__}: {e}".rstrip(": ") if str(e) else type(e).__name__)
        e = e.__cause__ or e.__context__
    return parts[0] + (f" (after {'; after '.join(parts[1:])})" if len(parts) > 1 else "")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", required=True, help="a data set folder (labels.csv and its audio)")
    parser.add_argument("--model", choices=MODELS, default="MSD_musicnn")
    parser.add_argument("--out", required=True)
    parser.add_argument("--split", choices=("train", "test", "all"), default="all")
    parser.add_argument("--limit", type=int, help="the first N clips only, for trying it")
    parser.add_argument("--threads", type=int, default=1, help="TensorFlow's threads (default 1)")
    parser.add_argument("--plain-ids", action="store_true",
                        help="ids as the plain clip id (what eval --embeddings matches), not <set>/<clip id>")
    parser.add_argument("--l2", action="store_true",
                        help="divide each clip's mean vector by its Euclidean length (cosine geometry)")
    parser.add_argument("--check", action="store_true",
                        help="first compare with musicnn's own extractor on the first clip (see the docstring)")
    args = parser.parse_args()
    data = os.path.normpath(args.data)
    set_name = os.path.basename(os.path.abspath(data))
    clips = read_clips(data, args.split)
    if args.limit is not None:
        clips = clips[:args.limit]
    if not clips:
        sys.exit(f"{data}: no clips with split={args.split}")

    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    cpu0, wall0 = time.process_time(), time.time()
    net = Musicnn(args.model, args.threads)
    print(f"{args.model} loaded in {time.process_time() - cpu0:.1f} s CPU; {len(clips)} clips of {set_name}",
          file=sys.stderr)
    if args.check:
        check(net, args.model, clips[0][1])
    cpu1 = time.process_time()

    tmp = args.out + ".tmp"
    written, failures = 0, []
    with open(tmp, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["clip_id"] + [f"d{i}" for i in range(DIMS)])
        for n, (clip_id, path) in enumerate(clips, start=1):
            try:
                v = net.vector(path)
            except Exception as e:  # a decode failure (or an empty file) is that clip's, the rest go on
                failures.append(clip_id)
                print(f"{path}: {reason(e)}", file=sys.stderr)
                continue
            if args.l2:
                v = v / max(float((v * v).sum()) ** 0.5, 1e-12)
            if not all(map(lambda x: x == x and abs(x) != float("inf"), v.tolist())):
                failures.append(clip_id)
                print(f"{path}: a value is not finite", file=sys.stderr)
                continue
            w.writerow([clip_id if args.plain_ids else f"{set_name}/{clip_id}"] + [f"{x:.9g}" for x in v.tolist()])
            written += 1
            if n % 50 == 0 or n == len(clips):
                cpu = time.process_time() - cpu1
                print(f"  {n}/{len(clips)} clips, {cpu / n:.2f} s CPU per clip, {time.time() - wall0:.0f} s",
                      file=sys.stderr)
    if written == 0:
        os.remove(tmp)
        sys.exit(f"nothing written: all {len(clips)} clips failed")
    os.replace(tmp, args.out)
    cpu = time.process_time() - cpu1
    print(f"{args.out}: {written} clips x {DIMS} dimensions ({args.model}), {len(failures)} failed"
          + (f" ({', '.join(failures[:5])}{', ...' if len(failures) > 5 else ''})" if failures else "")
          + f"; {cpu:.0f} s CPU, {cpu / len(clips):.2f} s per clip, {time.time() - wall0:.0f} s wall")


if __name__ == "__main__":
    main()
