#!/usr/bin/env python3
"""Compare training recipes run over several seeds: validation on the parts they share, and test, as mean ± sd.

`seeds --seeds N --out DIR -- <train options>` writes DIR/seeds.json for one recipe. Recipes are chosen on
validation only, but two recipes' validation sets need not be the same: the validation triplets are mined from
every `--data` set and every relation, so a recipe with another set or relation has other parts (a `mer4q/mood`
part only where the mood relation is mined). This script compares them on the parts every recipe has, per
part and as the mean of those parts per run, and prints each recipe's test accuracy beside it for the report
(never for choosing).

Usage: tools/compare_recipes.py NAME=DIR/seeds.json [NAME=DIR/seeds.json ...] [--parts P,P,...] [--out FILE.md]
Prints a Markdown table (and writes it with --out, atomically), then a second one: per seed, the mean of the
shared parts, and each recipe's difference from the first recipe seed by seed (the same seed gives the same
validation triplets, so the pairs are the sharper comparison). Python 3 only, no packages to install.

Run folders do not outlive the machine, the tables copied into the docs do: NAME=FILE.md#HEADING reads the
per-seed table (the `seeds` command's seeds.md, or a copy of it in a document) under the first heading that
starts with HEADING, e.g. `v2=docs/recipe-v2-runs.md#Candidate B + bliss`; NAME=FILE.md reads the first such
table in the file. Rows whose first cell is not a seed number (the mean ± sd row) are skipped.

Validation parts that training does not score (the test task's rule on validation clips, such as
`gamemusic/album-other-track` from `tools/validation_sets.py`) come from `eval --json` files, one per seed:
NAME=DIR/NAME-{seed}.json reads every file the pattern matches, `{seed}` standing for the seed's number, and takes
its tasks as that seed's validation parts; NAME=PATTERN#SYSTEM takes the system whose name contains SYSTEM when a
file holds several (the first one otherwise). Such a recipe has no test columns.

--parts keeps only the named validation parts (e.g. `--parts mer4q/artist,moretracks/album`): the ones whose
groups no run trained on, when some parts are known to leak (docs/recipe-v2-runs.md, "Validation leak").
"""
import argparse
import json
import math
import os
import sys


def spread(values):
    n = len(values)
    mean = sum(values) / n
    if n < 2:
        return f"{mean:.1f}"
    sd = math.sqrt(sum((v - mean) ** 2 for v in values) / (n - 1))
    return f"{mean:.1f} ± {sd:.1f}"


def percent(value):
    # seeds.json keeps accuracies as fractions; a hand-made file may hold percentages
    return value * 100 if value <= 1 else value


def seed_table(path, heading):
    """The runs of the per-seed Markdown table under `## <heading>...` (or the file's first one)."""
    try:
        with open(path, encoding="utf-8") as f:
            lines = f.read().splitlines()
    except OSError as e:
        sys.exit(f"compare_recipes: {path}: {e}")
    at = 0
    if heading:
        at = next((i for i, l in enumerate(lines) if l.lstrip("#").strip().startswith(heading) and l.startswith("#")),
                  None)
        if at is None:
            sys.exit(f"compare_recipes: {path}: no heading starting with '{heading}'")
    # the table must be in the section itself, before the next heading
    end = next((i for i in range(at + 1, len(lines)) if heading and lines[i].startswith("#")), len(lines))
    start = next((i for i in range(at, end) if lines[i].startswith("| seed |")), None)
    if start is None:
        sys.exit(f"compare_recipes: {path}: no '| seed |' table" + (f" under '{heading}'" if heading else ""))
    header = [c.strip() for c in lines[start].strip().strip("|").split("|")]
    runs = []
    for line in lines[start + 2:]:
        if not line.startswith("|"):
            break
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        seed = cells[0].split()[0] if cells[0] else ""
        if not seed.isdigit():
            continue
        run = {"seed": int(seed), "validation": {}, "test": {}}
        for column, cell in zip(header, cells):
            kind, _, part = column.partition(" ")
            if kind in ("val", "test") and cell:
                try:
                    run["validation" if kind == "val" else "test"][part] = float(cell)
                except ValueError:
                    sys.exit(f"compare_recipes: {path}: seed {seed}, column '{column}': not a number: '{cell}'")
        runs.append(run)
    return runs


def load(arg):
    if "=" not in arg:
        sys.exit(f"compare_recipes: expected NAME=seeds.json, got '{arg}'")
    name, path = arg.split("=", 1)
    file, _, heading = path.partition("#")
    if "{seed}" in file:
        return name, eval_files(file, heading)
    if file.endswith(".md"):
        runs = seed_table(file, heading)
        if not runs:
            sys.exit(f"compare_recipes: {path}: the table has no seed rows")
        return name, runs
    try:
        with open(path, encoding="utf-8") as f:
            doc = json.load(f)
    except (OSError, json.JSONDecodeError) as e:
        sys.exit(f"compare_recipes: {path}: {e}")
    runs = doc.get("runs")
    if not runs:
        sys.exit(f"compare_recipes: {path}: no 'runs' (is it a seeds.json written by the seeds command?)")
    for r in runs:
        if not isinstance(r.get("validation"), dict) or not isinstance(r.get("test"), dict):
            sys.exit(f"compare_recipes: {path}: run of seed {r.get('seed')} lacks 'validation' or 'test'")
    return name, runs


def eval_files(pattern, system):
    """One run per `eval --json` file the pattern matches, `{seed}` standing for the seed: its tasks' accuracy
    as validation parts, of the system named like `system` (or the file's first)."""
    folder, base = os.path.split(pattern)
    before, _, after = base.partition("{seed}")
    try:
        names = sorted(os.listdir(folder or "."))
    except OSError as e:
        sys.exit(f"compare_recipes: {pattern}: {e}")
    runs = []
    for n in names:
        seed = n[len(before):len(n) - len(after)] if n.startswith(before) and n.endswith(after) else ""
        if not seed.isdigit():
            continue
        path = os.path.join(folder, n)
        try:
            with open(path, encoding="utf-8") as f:
                doc = json.load(f)
        except (OSError, json.JSONDecodeError) as e:
            sys.exit(f"compare_recipes: {path}: {e}")
        systems = doc.get("systems", [doc])
        chosen = [x for x in systems if system in str(x.get("system", ""))] if system else systems[:1]
        if not chosen or not isinstance(chosen[0].get("tasks"), dict):
            names_there = ", ".join(str(x.get("system")) for x in systems)
            sys.exit(f"compare_recipes: {path}: no system" + (f" named like '{system}'" if system else "")
                     + f" with tasks (it has: {names_there}); is it written by eval --json?")
        tasks = chosen[0]["tasks"]
        runs.append({"seed": int(seed), "validation": {t: v["accuracy"] for t, v in tasks.items()}, "test": {}})
    if not runs:
        sys.exit(f"compare_recipes: {pattern}: no file matches (seed numbers in place of {{seed}})")
    return sorted(runs, key=lambda r: r["seed"])


def table(recipes, only=None):
    shared = None
    tests = None
    for _, runs in recipes:
        for r in runs:
            parts = {k for k in r["validation"] if k != "all"}
            shared = parts if shared is None else shared & parts
            tests = set(r["test"]) if tests is None else tests & set(r["test"])
    if only:
        missing = [p for p in only if p not in shared]
        if missing:
            sys.exit(f"compare_recipes: --parts: not a validation part of every recipe: {', '.join(missing)}"
                     f" (shared: {', '.join(sorted(shared))})")
        shared = set(only)
    shared, tests = sorted(shared), sorted(tests)
    if not shared:
        sys.exit("compare_recipes: the recipes share no validation part")
    header = (["recipe", "seeds", "val: mean of shared parts"] + [f"val {p}" for p in shared]
              + [f"test {t}" for t in tests])
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" + "---:|" * (len(header) - 1)]
    for name, runs in recipes:
        per_run_mean = [sum(percent(r["validation"][p]) for p in shared) / len(shared) for r in runs]
        cells = [name, str(len(runs)), spread(per_run_mean)]
        cells += [spread([percent(r["validation"][p]) for r in runs]) for p in shared]
        cells += [spread([percent(r["test"][t]) for r in runs]) for t in tests]
        lines.append("| " + " | ".join(cells) + " |")
    which = "chosen with --parts" if only else "shared by every recipe"
    note = (f"\nValidation parts {which}: {len(shared)} ({', '.join(shared)}); mean ± sd over seeds "
            "(sd with n - 1). Choose on the validation columns; the test columns are for the report.\n")
    return "\n".join(lines) + "\n" + note + "\n" + paired(recipes, shared)


def paired(recipes, shared):
    """Per seed, the mean of the shared validation parts, and each recipe's difference from the first recipe on
    the seeds both ran: runs with the same seed have the same validation triplets, so the pairs cancel the
    seed's luck that the means keep."""
    by_seed = []
    for _, runs in recipes:
        by_seed.append({r["seed"]: sum(percent(r["validation"][p]) for p in shared) / len(shared) for r in runs})
    seeds = sorted(set().union(*by_seed))
    first = recipes[0][0]
    header = ["recipe"] + [f"seed {s}" for s in seeds] + [f"paired difference from {first}"]
    lines = ["| " + " | ".join(header) + " |", "|---|" + "---:|" * len(seeds) + "---|"]
    for (name, _), means in zip(recipes, by_seed):
        cells = [name] + [f"{means[s]:.2f}" if s in means else "–" for s in seeds]
        common = [s for s in seeds if s in means and s in by_seed[0]]
        if name == first or not common:
            cells.append("")
        else:
            diffs = [means[s] - by_seed[0][s] for s in common]
            cells.append(" / ".join(f"{d:+.2f}" for d in diffs) + f" (mean {sum(diffs) / len(diffs):+.2f},"
                         f" {sum(d > 0 for d in diffs)} of {len(diffs)} seeds ahead)")
        lines.append("| " + " | ".join(cells) + " |")
    return ("Validation, mean of the shared parts, per seed:\n\n" + "\n".join(lines) + "\n")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("recipes", nargs="+", metavar="NAME=seeds.json")
    parser.add_argument("--parts", help="compare on these validation parts only (comma-separated)")
    parser.add_argument("--out", help="also write the table here")
    args = parser.parse_args()
    only = [p.strip() for p in args.parts.split(",") if p.strip()] if args.parts else None
    text = table([load(a) for a in args.recipes], only)
    print(text, end="")
    if args.out:
        tmp = args.out + ".tmp"
        with open(tmp, "w", encoding="utf-8") as f:
            f.write(text)
        os.replace(tmp, args.out)


if __name__ == "__main__":
    main()
