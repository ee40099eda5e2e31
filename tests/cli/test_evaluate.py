"""``toolkit evaluate``: figures printed and written; bad gold gives one error line and exit 2."""

from __future__ import annotations

import shutil

import pandas as pd
from typer.testing import CliRunner

from tests.conftest import CORPORA, MALI
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


def test_evaluate_corpora_split_and_leave_one_case_out(tmp_path):
    root = tmp_path / "corpora"
    for case in ("mali-2020", "weiner-2011", "equifax-2017", "ouellet-2016"):  # ouellet-2016 has no gold link
        shutil.copytree(CORPORA / case, root / case)
    (root / "splits.csv").write_text(
        "case_id,split\nmali-2020,train\nweiner-2011,dev\nequifax-2017,test\nouellet-2016,train\n"
    )
    test = runner.invoke(app, ["evaluate", "--corpora", str(root), "--split", "test", "--out", str(tmp_path / "t")])
    assert test.exit_code == 0, test.output
    equifax = len(pd.read_csv(CORPORA / "equifax-2017" / "gold.csv"))
    dims = pd.read_csv(tmp_path / "t" / "evaluation-dimensions.csv").set_index("dimension")
    assert dims.loc["corrective", "units"] == equifax
    cv = runner.invoke(app, ["evaluate", "--corpora", str(root), "--cv", "case", "--out", str(tmp_path / "cv")])
    assert cv.exit_code == 0, cv.output
    assert "per held-out case" in cv.output
    folds = pd.read_csv(tmp_path / "cv" / "evaluation-folds.csv")
    assert sorted(folds["case_id"].unique()) == ["mali-2020", "ouellet-2016", "weiner-2011"]
    pooled = pd.read_csv(tmp_path / "cv" / "evaluation-dimensions.csv").set_index("dimension")
    by_case = folds[folds["dimension"] == "corrective"].set_index("case_id")
    assert pooled.loc["corrective", "units"] == by_case["units"].sum()
    assert pooled.loc["corrective", "tp"] == by_case["tp"].sum()


def test_evaluate_refuses_mixed_or_unknown_modes(tmp_path):
    both = runner.invoke(app, ["evaluate", str(MALI / "statements.csv"), "--corpora", str(CORPORA)])
    assert both.exit_code == 2 and "either PATH with --gold" in both.output
    bad_cv = runner.invoke(app, ["evaluate", "--corpora", str(CORPORA), "--cv", "statement"])
    assert bad_cv.exit_code == 2 and "the only cross-validation is 'case'" in bad_cv.output
