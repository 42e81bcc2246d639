#!/usr/bin/env bash
# Puts ONNX Runtime 1.31.1's shared library in rust-check/mecomp/.ort/ for ort-sys to link against.
#
# mecomp-analysis 0.7.3 turns on ort's `api-31` (ONNX Runtime >= 1.31) and `download-binaries`; the latter
# would fetch a build from ort's CDN, which is not a package registry. PyPI's onnxruntime wheel ships the
# same library (onnxruntime/capi/libonnxruntime.so.1.31.1, SONAME libonnxruntime.so.1), so pip fetches it and
# .cargo/config.toml points ORT_LIB_LOCATION here with ORT_PREFER_DYNAMIC_LINK=1: nothing else is downloaded.
# The wheel is kept in ~/.cache/mecomp-embed/ort (MECOMP_ORT_CACHE) so that a second run needs no network.
set -euo pipefail
cd "$(dirname "$0")"

version=1.31.1
cache="${MECOMP_ORT_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/mecomp-embed/ort}"
lib=".ort/libonnxruntime.so.$version"

if [ ! -f "$lib" ]; then
  wheel=$(ls "$cache"/wheels/onnxruntime-"$version"-*.whl 2>/dev/null | head -n 1 || true)
  if [ -z "$wheel" ]; then
    mkdir -p "$cache/wheels"
    # --no-deps: only the library is needed, not numpy and friends; any CPython tag carries the same .so
    python3 -m pip download --quiet --no-deps --only-binary=:all: -d "$cache/wheels" "onnxruntime==$version"
    wheel=$(ls "$cache"/wheels/onnxruntime-"$version"-*.whl | head -n 1)
  fi
  mkdir -p .ort
  python3 - "$wheel" "$lib" "$version" <<'PY'
import shutil, sys, zipfile
wheel, target, version = sys.argv[1:]
member = f"onnxruntime/capi/libonnxruntime.so.{version}"
with zipfile.ZipFile(wheel) as z:
    if member not in z.namelist():
        sys.exit(f"{wheel} has no {member}: is it a Linux wheel of onnxruntime {version}?")
    with z.open(member) as src, open(target + ".tmp", "wb") as dst:
        shutil.copyfileobj(src, dst)
shutil.move(target + ".tmp", target)
PY
fi
ln -sf "libonnxruntime.so.$version" .ort/libonnxruntime.so.1
ln -sf "libonnxruntime.so.$version" .ort/libonnxruntime.so
echo "ONNX Runtime $version in $(pwd)/.ort"
