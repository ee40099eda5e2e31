"""``toolkit evaluate``: figures printed and written; bad gold gives one error line and exit 2."""

from __future__ import annotations

import pandas as pd
from typer.testing import CliRunner

from tests.conftest import MALI
from toolkit.cli import app

runner = CliRunner()


def test_evaluate_prints_and_writes_figures(tmp_path):
    result = runner.invoke(app, ["evaluate", str(MALI / "statements.csv"), "--gold", str(MALI / "gold.csv"),
                                 "--links", str(MALI / "links.csv"), "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert "blame_shift" in result.output and "contradicts" in result.output and "(micro)" in result.output
    dims = pd.read_csv(tmp_path / "evaluation-dimensions.csv")
    assert list(dims["dimension"]) == ["corrective", "audience", "blame_shift", "remediation", "strategies"]
    assert dims.set_index("dimension").loc["corrective", "f1"] == 1.0
    assert (tmp_path / "evaluation.md").read_text(encoding="utf-8").startswith("# Agreement: toolkit against gold")
    links = pd.read_csv(tmp_path / "evaluation-links.csv").set_index("relation")
    assert links.loc["contradicts", "tp"] == 3


def test_evaluate_bad_gold_one_error_line_exit_2(tmp_path):
    gold = tmp_path / "gold.csv"
    gold.write_text("statement_id,corrective,remediation\ns1,0,\ns3,1,fixed_it\n", encoding="utf-8")
    result = runner.invoke(app, ["evaluate", str(MALI / "statements.csv"), "--gold", str(gold), "--out", str(tmp_path)])
    assert result.exit_code == 2
    errors = [line for line in result.output.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and f"{gold}, row 2, column 'remediation'" in errors[0] and "fixed_it" in errors[0]
    assert "Traceback" not in result.output


def test_evaluate_bad_links_relation(tmp_path):
    links = tmp_path / "links.csv"
    links.write_text("claim_statement_id,evidence_statement_id,relation\ns3,s4,refutes\n", encoding="utf-8")
    result = runner.invoke(app, ["evaluate", str(MALI / "statements.csv"), "--gold", str(MALI / "gold.csv"),
                                 "--links", str(links), "--out", str(tmp_path)])
    assert result.exit_code == 2 and "row 1, column 'relation': unknown relation 'refutes'" in result.output
