"""What the tools' tests share: running a tool as a user does, and small CSV files in and out."""
import csv
import os
import subprocess
import sys

TOOLS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")


def runner(script):
    """A function that runs tools/<script> with the given arguments and returns the completed process."""
    path = os.path.join(TOOLS, script)

    def run(*args):
        return subprocess.run([sys.executable, path, *args], capture_output=True, text=True)
    return run


def write_rows(path, rows):
    """Writes rows (lists of fields) as a CSV file and returns its path."""
    with open(path, "w", newline="", encoding="utf-8") as f:
        csv.writer(f).writerows(rows)
    return path


def read_rows(path):
    """A CSV file's rows as dicts keyed by its header."""
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))
