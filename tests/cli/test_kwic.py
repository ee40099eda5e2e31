"""``toolkit kwic``: pre / keyword / post rows for a label."""

from __future__ import annotations

import pandas as pd
from typer.testing import CliRunner

from tests.conftest import MALI
from toolkit.cli import app

runner = CliRunner()


def test_kwic_prints_spans_and_writes_csv(tmp_path):
    out = tmp_path / "kwic.csv"
    result = runner.invoke(app, ["kwic", str(MALI / "statements.csv"), "--label", "blame_shift:external_attacker",
                                 "--window", "3", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "piraté par des individus" in result.output
    rows = pd.read_csv(out, dtype=str, keep_default_na=False)
    assert list(rows.columns[6:9]) == ["pre", "keyword", "post"]
    assert "piraté par des individus" in set(rows["keyword"])


def test_kwic_bad_label_exit_2():
    result = runner.invoke(app, ["kwic", str(MALI / "statements.csv"), "--label", "blame_shift:hackers"])
    assert result.exit_code == 2 and "error: [E070] --label: bad label 'blame_shift:hackers'" in result.output
