"""``toolkit agreement``: two coders' files compared; alpha and kappa printed."""

from __future__ import annotations

import shutil

import pandas as pd
import pytest
from typer.testing import CliRunner

from tests.conftest import CORPORA
from toolkit.cli import app

runner = CliRunner()


def test_agreement_prints_alpha_kappa_and_writes(tmp_path):
    a = tmp_path / "coder_a.csv"
    b = tmp_path / "coder_b.csv"
    a.write_text("statement_id,corrective,blame_shift\ns1,1,external_attacker\ns2,0,\ns3,1,third_party\ns4,0,\n", encoding="utf-8")
    b.write_text("statement_id,corrective,blame_shift\ns1,1,external_attacker\ns2,0,\ns3,1,external_attacker\ns4,1,\n", encoding="utf-8")
    result = runner.invoke(app, ["agreement", str(a), str(b), "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert "coder_b against coder_a" in result.output and "α" in result.output and "κ" in result.output
    assert "confusion: blame_shift" in result.output
    assert (tmp_path / "out" / "evaluation-labels.csv").is_file()


def test_agreement_bad_file_one_error_line(tmp_path):
    a = tmp_path / "a.csv"
    a.write_text("statement_id,corrective\ns1,2\n", encoding="utf-8")
    result = runner.invoke(app, ["agreement", str(a), str(a)])
    assert result.exit_code == 2
    assert [line for line in result.output.splitlines() if line.startswith("error:")] == [
        f"error: [E063] {a}, row 1, column 'corrective': '2' is not 0 or 1"
    ]


def test_agreement_missing_file(tmp_path):
    result = runner.invoke(app, ["agreement", str(tmp_path / "nope.csv"), str(tmp_path / "nope.csv")])
    assert result.exit_code == 2 and "no such file" in result.output


def test_agreement_over_corpora_reads_both_coders_of_every_case(tmp_path):
    root = tmp_path / "corpora"
    for case in ("mali-2020", "weiner-2011"):
        shutil.copytree(CORPORA / case, root / case)
        shutil.copy(root / case / "gold.csv", root / case / "coder_a.csv")
        shutil.copy(root / case / "links.csv", root / case / "links_a.csv")
        coder_b = pd.read_csv(root / case / "gold.csv", dtype=str, keep_default_na=False)
        coder_b["corrective"] = "1"
        coder_b.to_csv(root / case / "coder_b.csv", index=False)
        shutil.copy(root / case / "links.csv", root / case / "links_b.csv")
    result = runner.invoke(app, ["agreement", "--corpora", str(root), "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert "coder_b against coder_a" in result.output
    dims = pd.read_csv(tmp_path / "out" / "evaluation-dimensions.csv").set_index("dimension")
    statements = sum(len(pd.read_csv(root / c / "gold.csv")) for c in ("mali-2020", "weiner-2011"))
    corrective = sum((pd.read_csv(root / c / "gold.csv")["corrective"] == 1).sum() for c in ("mali-2020", "weiner-2011"))
    assert dims.loc["corrective", "units"] == statements
    assert dims.loc["corrective", "precision"] == pytest.approx(corrective / statements, abs=1e-4) and dims.loc["corrective", "recall"] == 1.0
    links = pd.read_csv(tmp_path / "out" / "evaluation-links.csv").set_index("relation")
    assert links.loc["all", "f1"] == 1.0
