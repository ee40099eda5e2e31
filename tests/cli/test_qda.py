"""``toolkit export`` and ``toolkit import-qda`` from the command line, then ``toolkit agreement`` on the result."""

from __future__ import annotations

from typer.testing import CliRunner

import xmlschema

from tests.conftest import MALI
from tests.qda.conftest import REFI, qde
from toolkit.cli import app

runner = CliRunner()


def test_analyze_export_import_agreement(tmp_path):
    mali_out = tmp_path / "mali"
    analyzed = runner.invoke(app, ["analyze", str(MALI / "statements.csv"), "--out", str(mali_out), "--quiet"])
    assert analyzed.exit_code == 0, analyzed.output
    exported = runner.invoke(app, ["export", str(mali_out), "--qdpx", str(tmp_path / "m.qdpx"),
                                   "--qdc", str(tmp_path / "m.qdc")])
    assert exported.exit_code == 0, exported.output
    xmlschema.XMLSchema(REFI / "Project.xsd").validate(qde(tmp_path / "m.qdpx"))
    imported = runner.invoke(app, ["import-qda", str(tmp_path / "m.qdpx"), "--out", str(tmp_path / "coder")])
    assert imported.exit_code == 0, imported.output
    assert "6 statement(s), 1 corrective, 3 link(s)" in imported.output
    agreement = runner.invoke(app, ["agreement", str(tmp_path / "coder" / "gold.csv"), str(tmp_path / "coder" / "gold.csv"),
                                    "--links-a", str(tmp_path / "coder" / "links.csv"),
                                    "--links-b", str(tmp_path / "coder" / "links.csv")])
    assert agreement.exit_code == 0, agreement.output
    assert "1.00" in agreement.output


def test_bad_input_is_one_error_line_and_exit_2(tmp_path):
    nothing = runner.invoke(app, ["export", str(tmp_path)])
    assert nothing.exit_code == 2 and "give --qdpx FILE.qdpx and/or --qdc FILE.qdc" in nothing.output
    missing = runner.invoke(app, ["export", str(tmp_path), "--qdpx", str(tmp_path / "x.qdpx")])
    assert missing.exit_code == 2 and "statements.csv: not found" in missing.output
    assert "Traceback" not in missing.output
    (tmp_path / "junk.qdpx").write_text("not a zip", encoding="utf-8")
    junk = runner.invoke(app, ["import-qda", str(tmp_path / "junk.qdpx"), "--out", str(tmp_path / "o")])
    assert junk.exit_code == 2 and "junk.qdpx, line 1: not a REFI-QDA project (not XML" in junk.output
    assert not (tmp_path / "o").exists()
