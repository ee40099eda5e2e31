"""Every recorded corpus gives byte-identical tables: the contract of refactors (``tests/record_outputs.py``)."""

from __future__ import annotations

import pytest

from tests.record_outputs import RECORDED, RUNS, TABLES, analyze

RERECORD = (
    "differs from {path}. If a rule, model or codebook change is meant to change the outputs, "
    "re-record with `python tests/record_outputs.py` and commit that alone, saying why; otherwise behaviour changed."
)


@pytest.mark.parametrize("run", RUNS)
def test_recorded_outputs_are_byte_identical(run, tmp_path):
    out = analyze(run, tmp_path / run)
    for table in TABLES:
        path = RECORDED / run / f"{table}.csv"
        assert (out / f"{table}.csv").read_bytes() == path.read_bytes(), f"{table}.csv of {run} " + RERECORD.format(path=path)
