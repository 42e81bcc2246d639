#!/usr/bin/env bash
# score_seeds.sh - everything tools/judge_recipe.py reads about a `seeds` run, scored on validation (and the
# held-out soundtracks, reported only), one seed at a time.
#
# For each RUN/seed-S (a `seeds --out RUN` folder) it writes, under OUT:
#   OUT/seed-S/sets/          the run's validation triplets as data sets   tools/validation_sets.py
#   OUT/seed-S/cuts.json      eval --json of the run's model on those sets (S: the */album-other-track parts)
#   OUT/seed-S/valst.json     eval --json on the validation soundtracks, ROOT/valst (V)
#   OUT/seed-S/heldout.json   eval --json on the held-out soundtracks, ROOT/heldout-st (test only: reported,
#                             never judged; skipped when that set is missing)
# then judge two recipes with
#   tools/judge_recipe.py --candidate RUN 'OUT/seed-{seed}/cuts.json' 'OUT/seed-{seed}/valst.json' \
#       --baseline RUN2 'OUT2/seed-{seed}/cuts.json' 'OUT2/seed-{seed}/valst.json'
#
# A file already written is kept (each is written under a temporary name and renamed), so an interrupted run is
# continued by running it again; a seed whose run has no model yet stops the script with its name.
#
# Usage: tools/score_seeds.sh [--root ROOT] [--jar JAR] [--cache DIR] [--data DIR ...] RUN OUT
#   ROOT   where tools/prepare_training_sets.sh put the sets (default /work)
#   JAR    the CLI's jar (default target/mecomp-embed.jar of this checkout)
#   DIR    the run's --data sets, in its order (default: v5's recipe's, ../shared/data/mer4q,
#          ../shared/data/gamemusic, ROOT/gametracks, ROOT/moretracks)
#   --cache  the log-mel cache eval shares with training (default ROOT/cache/mel)
# Needs java and python3 (standard library only). Set JAVA_OPTS for the JVM (default -Xmx1536m).
set -euo pipefail

usage() { sed -n '2,/^set -euo/p' "$0" | sed -e '$d' -e 's/^# \{0,1\}//'; }

TOOLS="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)"
REPO="$(dirname "$TOOLS")"
ROOT=/work
JAR="$REPO/target/mecomp-embed.jar"
CACHE=""
DATA=()
ARGS=()
while [ $# -gt 0 ]; do
    case "$1" in
        -h|--help) usage; exit 0 ;;
        --root) ROOT="$2"; shift ;;
        --jar) JAR="$2"; shift ;;
        --cache) CACHE="$2"; shift ;;
        --data) DATA+=("$2"); shift ;;
        -*) echo "score_seeds: unknown option $1 (see --help)" >&2; exit 2 ;;
        *) ARGS+=("$1") ;;
    esac
    shift
done
[ ${#ARGS[@]} = 2 ] || { echo "score_seeds: give RUN and OUT (see --help)" >&2; exit 2; }
RUN="${ARGS[0]}"
OUT="${ARGS[1]}"
CACHE="${CACHE:-$ROOT/cache/mel}"
if [ ${#DATA[@]} = 0 ]; then
    DATA=("$REPO/../shared/data/mer4q" "$REPO/../shared/data/gamemusic" "$ROOT/gametracks" "$ROOT/moretracks")
fi
[ -f "$JAR" ] || { echo "score_seeds: $JAR not found; build it with mvn -q package -DskipTests, or pass --jar" >&2; exit 2; }
[ -d "$ROOT/valst" ] || { echo "score_seeds: $ROOT/valst not found; build it with tools/prepare_training_sets.sh $ROOT" >&2; exit 2; }
shopt -s nullglob
SEEDS=("$RUN"/seed-*/)
[ ${#SEEDS[@]} -gt 0 ] || { echo "score_seeds: $RUN holds no seed-N folder; is it a seeds --out folder?" >&2; exit 2; }

DATA_ARGS=()
for d in "${DATA[@]}"; do DATA_ARGS+=(--data "$d"); done
JAVA=(java ${JAVA_OPTS:--Xmx1536m} -jar "$JAR")

log() { printf '[%(%H:%M:%S)T] %s\n' -1 "$*" >&2; }

eval_json() {  # TARGET MODEL DATA-DIR...: eval --json into TARGET unless it exists
    local target="$1" model="$2"; shift 2
    [ -f "$target" ] && return 0
    local sets=()
    for d in "$@"; do sets+=(--data "$d"); done
    log "eval -> $target"
    # eval's table goes to .txt; its progress bar and warnings to .log, shown only if it fails
    if ! "${JAVA[@]}" eval "${sets[@]}" --model "$model" --cache "$CACHE" --json "$target.tmp" \
            > "${target%.json}.txt" 2> "${target%.json}.log"; then
        tail -n 20 "${target%.json}.log" >&2
        echo "score_seeds: eval failed for $target (its output: ${target%.json}.log)" >&2
        exit 1
    fi
    mv "$target.tmp" "$target"
}

for seed_dir in "${SEEDS[@]}"; do
    seed_dir="${seed_dir%/}"
    name="$(basename "$seed_dir")"
    model="$seed_dir/model"
    [ -d "$model" ] || { echo "score_seeds: $model not found; has $name finished training?" >&2; exit 1; }
    dest="$OUT/$name"
    mkdir -p "$dest"
    if [ ! -d "$dest/sets" ]; then
        log "validation sets -> $dest/sets"
        python3 "$TOOLS/validation_sets.py" "$seed_dir" "${DATA_ARGS[@]}" --out "$dest/sets" >&2
    fi
    cuts=("$dest"/sets/*/)
    eval_json "$dest/cuts.json" "$model" "${cuts[@]%/}"
    eval_json "$dest/valst.json" "$model" "$ROOT/valst"
    if [ -d "$ROOT/heldout-st" ]; then
        eval_json "$dest/heldout.json" "$model" "$ROOT/heldout-st"
    fi
done
log "done: $OUT (judge with tools/judge_recipe.py, 'OUT/seed-{seed}/cuts.json' 'OUT/seed-{seed}/valst.json')"
