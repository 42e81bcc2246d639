#!/usr/bin/env bash
# prepare_training_sets.sh - every data set outside the repository that the shipped recipes use, in one command.
#
# The recipes from v2 on train on four sets and are chosen on a fifth; none of them lives in the repository, and a
# fresh machine has none of them. This script builds them with the project's own tools, in dependency order:
#
#   ROOT/fulltracks   full-length tracks of gamemusic's Debian packages        tools/prepare_full_tracks.sh
#   ROOT/gametracks   the train soundtracks' full tracks cut into 20 s excerpts tools/make_track_excerpts.py
#   ROOT/moretracks   gamemusic-more's 59 packages cut into excerpts           tools/prepare_more_tracks.py
#   ROOT/valst        validation soundtracks (14 packages) and their triplets  tools/validation-soundtracks.tsv
#   ROOT/heldout-st   held-out test soundtracks (16 packages) and triplets     tools/heldout-soundtracks.tsv
#
# (../shared/data/mer4q and ../shared/data/gamemusic are the fifth and sixth, shared read-only.) Each step is
# idempotent, so an interrupted run is continued by running it again. A step that fails stops the script with its
# name; the sets finished before it stay usable.
#
# Measured on the 2-core machine (2026-12-06, a fresh machine, empty caches): the steps took 5.0, 2.3, 3.6, 1.8 and
# 5.5 minutes (about 18 in all), downloaded 5.9 GB and left 16 GB on disk with the caches (`rm -rf
# ROOT/*/cache/debs` frees the 5.9 GB; a later run fetches them again). Run again over finished sets it took 1.3
# minutes and left every set's content as it was (same `DatasetFingerprint`). A model trained
# on the rebuilt sets records each set's SHA-256 in its provenance (`data.<set>.sha256`), so two machines can tell
# whether they trained on the same bytes.
#
# Usage: tools/prepare_training_sets.sh [--no-heldout] [ROOT]       (ROOT default /work)
# Needs root for apt-get (ffmpeg, unzip, the packages), python3 (standard library only).
set -euo pipefail

usage() { sed -n '2,/^set -euo/p' "$0" | sed -e '$d' -e 's/^# \{0,1\}//'; }

TOOLS="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)"
ROOT=/work
HELDOUT=1
while [ $# -gt 0 ]; do
    case "$1" in
        -h|--help) usage; exit 0 ;;
        --no-heldout) HELDOUT=0 ;;
        -*) echo "prepare_training_sets: unknown option $1 (see --help)" >&2; exit 2 ;;
        *) ROOT="$1" ;;
    esac
    shift
done
mkdir -p "$ROOT"

step() {
    local name="$1"; shift
    echo "[$(date +%H:%M:%S)] $name"
    if ! "$@"; then
        echo "prepare_training_sets: step '$name' failed (command: $*); run the script again to continue" >&2
        exit 1
    fi
}

step "full tracks -> $ROOT/fulltracks" bash "$TOOLS/prepare_full_tracks.sh" "$ROOT/fulltracks"
step "train excerpts -> $ROOT/gametracks" \
    python3 "$TOOLS/make_track_excerpts.py" --full "$ROOT/fulltracks" --out "$ROOT/gametracks"
step "gamemusic-more -> $ROOT/moretracks" python3 "$TOOLS/prepare_more_tracks.py" --out "$ROOT/moretracks"
step "validation soundtracks -> $ROOT/valst" python3 "$TOOLS/prepare_more_tracks.py" \
    --manifest "$TOOLS/validation-soundtracks.tsv" --out "$ROOT/valst" --as-test
step "validation soundtrack triplets" python3 "$TOOLS/soundtrack_triplets.py" "$ROOT/valst"
if [ "$HELDOUT" = 1 ]; then
    step "held-out soundtracks -> $ROOT/heldout-st" python3 "$TOOLS/prepare_more_tracks.py" \
        --manifest "$TOOLS/heldout-soundtracks.tsv" --out "$ROOT/heldout-st" --as-test
    step "held-out soundtrack triplets" python3 "$TOOLS/soundtrack_triplets.py" "$ROOT/heldout-st"
fi
echo "[$(date +%H:%M:%S)] done: train with --data ../shared/data/mer4q --data ../shared/data/gamemusic" \
    "--data $ROOT/gametracks --data $ROOT/moretracks; choose with eval --data $ROOT/valst"
