#!/usr/bin/env python3
"""Judge a candidate recipe against a baseline, seed by seed, by the rules docs/recipe-v2-runs.md fixes before runs.

Both recipes ran `seeds` over the same seeds, so a seed's two runs share their validation split (`--mining-seed`
fixed, or no `--mining-seed` and seed s on split s): the differences are paired by seed. Per seed and recipe:

- A: the mean of the run's validation parts (`RUN/seeds.json`, each run's kept epoch);
- M, artist, genre: its `mer4q/mood`, `mer4q/artist` and `mer4q/genre` validation parts;
- S: the mean of the `*/album-other-track` parts of `eval --json` over the run's validation cuts
  (`tools/validation_sets.py RUN/seed-S --data ... --out SETS`, then `eval --data SETS/<set> ... --json`);
- V: the `*/soundtrack` task of `eval --json` over the validation soundtrack set (`eval --data VALST ... --json`).

The rules (all on three-or-more-seed paired means, in points):
- mood: M >= +1.0, S and V each > -0.5, A >= -0.5, artist and genre each >= -2;
- soundtrack: mean(S, V) >= +1.0, S and V each > -0.5, A >= -0.5, artist, genre and mood each >= -2.

Usage: tools/judge_recipe.py --candidate RUN CUTS VALST --baseline RUN CUTS VALST [--rule mood|soundtrack|either]
       CUTS and VALST are paths with `{seed}` for the seed's number, e.g. /work/val-sets/mood2-{seed}.json.
       A RUN without seeds.json (a probe: copies of a run's models read another way, in RUN/seed-N/model) is
       read from its CUTS files, which hold the validation parts too, and RUN/seed-N/test-eval.json if present.
Prints a Markdown table of the paired differences, each rule's verdict with the bounds it fails, and the
candidate's test figures as mean ± sd (reported, never judged). Exits 0 whatever the verdict; 2 on bad input.
Python 3 only, no packages to install.
"""
import argparse
import json
import os
import re
import statistics
import sys

from compare_recipes import spread  # beside this script: mean ± sd as the seed tables print it

S_SUFFIX = "/album-other-track"
V_SUFFIX = "/soundtrack"
MEASURES = ("M", "S", "V", "A", "artist", "genre")
LABELS = {"M": "M: mer4q/mood", "S": "S: other-track parts", "V": "V: validation soundtracks",
          "A": "A: mean of the validation parts", "artist": "mer4q/artist", "genre": "mer4q/genre"}


def fail(message):
    print(f"judge_recipe: {message}", file=sys.stderr)
    sys.exit(2)


def eval_tasks(path):
    try:
        with open(path, encoding="utf-8") as f:
            document = json.load(f)
    except OSError as e:
        fail(f"{path}: {e.strerror}; run eval --json for this seed first")
    except json.JSONDecodeError as e:
        fail(f"{path}: not JSON ({e})")
    systems = document.get("systems", [document])
    if not systems or "tasks" not in systems[0]:
        fail(f"{path}: no 'tasks' in its first system; is it eval --json's output?")
    return {task: 100 * value["accuracy"] for task, value in systems[0]["tasks"].items()}


def ending(tasks, suffix, path):
    values = [v for task, v in tasks.items() if task.endswith(suffix)]
    if not values:
        fail(f"{path}: no task ending in '{suffix}' (tasks: {', '.join(sorted(tasks))})")
    return statistics.mean(values)


def runs_from_cuts(run, cuts):
    """A folder without seeds.json (a probe: trained weights read another way, in RUN/seed-N/model): each seed's
    validation parts from its CUTS file, which holds them beside the other-track cuts, and its test figures from
    RUN/seed-N/test-eval.json when there is one."""
    seeds = sorted(int(name[5:]) for name in os.listdir(run) if re.fullmatch(r"seed-\d+", name))
    if not seeds:
        fail(f"{run}: neither seeds.json nor a seed-N folder; run `seeds` for this recipe first")
    print(f"note: {run} has no seeds.json; each seed's validation parts are read from its cuts file",
          file=sys.stderr)
    runs = []
    for seed in seeds:
        cuts_path = cuts.replace("{seed}", str(seed))
        validation = {task: v / 100 for task, v in eval_tasks(cuts_path).items() if not task.endswith(S_SUFFIX)}
        test_path = f"{run}/seed-{seed}/test-eval.json"
        test = {task: v / 100 for task, v in eval_tasks(test_path).items()} if os.path.exists(test_path) else {}
        runs.append({"seed": seed, "validation": validation, "test": test})
    return runs


def read_recipe(run, cuts, valst):
    """Per seed: the six measures and the test figures."""
    path = f"{run}/seeds.json"
    if not os.path.exists(path) and os.path.isdir(run):
        runs = runs_from_cuts(run, cuts)
    else:
        try:
            with open(path, encoding="utf-8") as f:
                runs = json.load(f)["runs"]
        except (OSError, KeyError, json.JSONDecodeError) as e:
            fail(f"{path}: cannot read its runs ({e}); run `seeds` for this recipe first")
    seeds = {}
    for r in runs:
        seed, validation = r["seed"], {k: 100 * v for k, v in r["validation"].items()}
        missing = {"mer4q/mood", "mer4q/artist", "mer4q/genre"} - set(validation)
        if missing:
            fail(f"{path}: seed {seed} has no validation part {', '.join(sorted(missing))}")
        cuts_path, valst_path = cuts.replace("{seed}", str(seed)), valst.replace("{seed}", str(seed))
        seeds[seed] = {
            "M": validation["mer4q/mood"], "artist": validation["mer4q/artist"],
            "genre": validation["mer4q/genre"], "A": statistics.mean(validation.values()),
            "S": ending(eval_tasks(cuts_path), S_SUFFIX, cuts_path),
            "V": ending(eval_tasks(valst_path), V_SUFFIX, valst_path),
            "test": {k: 100 * v for k, v in r.get("test", {}).items()},
        }
    return seeds


def verdicts(d):
    """Each rule's failed bounds (empty: adopted)."""
    common = [(d["S"] > -0.5, "S > -0.5"), (d["V"] > -0.5, "V > -0.5"), (d["A"] >= -0.5, "A >= -0.5"),
              (d["artist"] >= -2, "artist >= -2"), (d["genre"] >= -2, "genre >= -2")]
    mood = [(d["M"] >= 1.0, "M >= +1.0"), *common]
    soundtrack = [((d["S"] + d["V"]) / 2 >= 1.0, "mean(S, V) >= +1.0"), *common, (d["M"] >= -2, "mood >= -2")]
    return {name: [bound for ok, bound in checks if not ok]
            for name, checks in (("mood", mood), ("soundtrack", soundtrack))}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--candidate", nargs=3, metavar=("RUN", "CUTS", "VALST"), required=True)
    parser.add_argument("--baseline", nargs=3, metavar=("RUN", "CUTS", "VALST"), required=True)
    parser.add_argument("--rule", choices=("mood", "soundtrack", "either"), default="either")
    args = parser.parse_args()
    cand, base = read_recipe(*args.candidate), read_recipe(*args.baseline)
    seeds = sorted(set(cand) & set(base))
    if not seeds:
        fail(f"no seed in both recipes (candidate {sorted(cand)}, baseline {sorted(base)})")
    if len(seeds) < 3:
        print(f"note: {len(seeds)} paired seed(s); the rules are for three or more", file=sys.stderr)
    diff = {k: [cand[s][k] - base[s][k] for s in seeds] for k in MEASURES}
    # the rules read the figures as printed: a mean at a bound (-2.00 from -3.33, -1.07 and -1.60) must not fail
    # on the float rounding of its sum
    mean = {k: round(statistics.mean(v), 2) for k, v in diff.items()}
    print("| | " + " | ".join(f"seed {s}" for s in seeds) + " | mean |")
    print("|---|" + "---:|" * (len(seeds) + 1))
    for k in MEASURES:
        ahead = sum(x > 0 for x in diff[k])
        print(f"| {LABELS[k]} | " + " | ".join(f"{x:+.2f}" for x in diff[k])
              + f" | {mean[k]:+.2f} ({ahead} of {len(seeds)} ahead) |")
    print(f"\nmean(S, V) {(mean['S'] + mean['V']) / 2:+.2f}")
    for rule, failed in verdicts(mean).items():
        if args.rule in (rule, "either"):
            print(f"{rule} rule: " + ("ADOPTED" if not failed else "not adopted (fails " + "; ".join(failed) + ")"))
    tasks = sorted({t for s in cand for t in cand[s]["test"]})
    if tasks:
        figures = [f"{t} " + spread([cand[s]["test"][t] for s in sorted(cand) if t in cand[s]["test"]]) for t in tasks]
        print("candidate's test (reported, not judged): " + ", ".join(figures))


if __name__ == "__main__":
    main()
