"""``toolkit codebook show`` / ``export``, with and without a user codebook."""

from __future__ import annotations

import pandas as pd
from typer.testing import CliRunner

from tests.codebook.test_custom import write_codebook
from toolkit.cli import app

runner = CliRunner()


def test_codebook_show_lists_dimensions_and_counts():
    result = runner.invoke(app, ["codebook", "show"])
    assert result.exit_code == 0, result.output
    assert "blame_shift" in result.output and "external_attacker" in result.output and "digest" in result.output


def test_codebook_show_includes_user_dimension(tmp_path):
    user = write_codebook(tmp_path / "mine")
    result = runner.invoke(app, ["codebook", "show", "--codebook", str(user)])
    assert result.exit_code == 0, result.output
    assert "victimhood" in result.output and "self_as_victim" in result.output


def test_codebook_export_csv_and_markdown(tmp_path):
    csv = tmp_path / "codebook.csv"
    assert runner.invoke(app, ["codebook", "export", "--format", "csv", "--out", str(csv)]).exit_code == 0
    table = pd.read_csv(csv, dtype=str, keep_default_na=False)
    assert {"dimension", "label", "definition", "patterns_en", "patterns_fr"} <= set(table.columns)
    md = runner.invoke(app, ["codebook", "export", "--format", "md"])
    assert md.exit_code == 0 and "## remediation" in md.output and "| `platform_notified` |" in md.output


def test_codebook_show_malformed_user_file_exit_2(tmp_path):
    user = write_codebook(tmp_path / "bad", patterns={})
    (user / "en").mkdir()
    (user / "en" / "victimhood.jsonl").write_text('{"id": "x", "label": "self_as_victim", "pattern": [\n', encoding="utf-8")
    result = runner.invoke(app, ["codebook", "show", "--codebook", str(user)])
    assert result.exit_code == 2
    assert f"error: [E020] {user / 'en' / 'victimhood.jsonl'}, line 1: not JSON" in result.output
