"""Record the five tables ``toolkit analyze`` writes for every hand-coded corpus and the contrast sets.

The recorded tables (``tests/data/recorded/<run>/``) are the contract that
``tests/test_recorded_outputs.py`` holds the toolkit to, byte for byte. A
change of rules, models or codebook that is meant to change the outputs is
recorded again, in a commit of its own that says so:

    python tests/record_outputs.py
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

from typer.testing import CliRunner

ROOT = Path(__file__).resolve().parent.parent
RECORDED = Path(__file__).resolve().parent / "data" / "recorded"
TABLES = ("statements", "tags", "claims", "links", "cases")
CONTRAST = ROOT / "corpora" / "contrast"
RUNS = ("corpora", "contrast-en", "contrast-fr")
"""``corpora``: every case directory of ``corpora/`` with a gold.csv, concatenated; the contrast sets one by one."""


def run_input(run: str, work: Path) -> Path:
    """The statements file a recorded run analyses (the corpora concatenated into ``work`` first)."""
    if run.startswith("contrast-"):
        return CONTRAST / f"{run.removeprefix('contrast-')}.csv"
    from toolkit.validation.corpora import corpus_dirs, read_corpora

    return read_corpora(corpus_dirs(ROOT / "corpora")).write(work / "input")["statements"]


def analyze(run: str, out: Path) -> Path:
    """``toolkit analyze`` on a run's input into ``out``; returns ``out``."""
    from toolkit.cli import app

    with tempfile.TemporaryDirectory() as work:
        source = run_input(run, Path(work))
        result = CliRunner().invoke(app, ["analyze", str(source), "--out", str(out), "--n-process", "1", "--quiet"])
    if result.exit_code != 0:
        raise RuntimeError(f"toolkit analyze failed on {run}: {result.output}")
    return out


def record() -> None:
    """Analyse every run and keep its five tables under ``tests/data/recorded/<run>/``."""
    for run in RUNS:
        with tempfile.TemporaryDirectory() as tmp:
            out = analyze(run, Path(tmp) / "out")
            target = RECORDED / run
            shutil.rmtree(target, ignore_errors=True)
            target.mkdir(parents=True)
            for table in TABLES:
                shutil.copyfile(out / f"{table}.csv", target / f"{table}.csv")
        print(f"recorded {target.relative_to(ROOT)}", file=sys.stderr)


if __name__ == "__main__":
    record()
