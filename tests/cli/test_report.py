"""``toolkit report`` and ``toolkit analyze --report``: layout, byte-identity, provenance, atomicity, PDF, errors."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.conftest import MALI
from toolkit.cli import app
from toolkit.io.tables import read_table

runner = CliRunner()
REPORT_FILES = {
    "index.html", "index.md", "provenance.json",
    "figures/strategy-heatmap.png", "figures/strategy-heatmap.svg",
    "figures/time-to-contradiction.png", "figures/time-to-contradiction.svg",
    "cases/mali-2020/report.html", "cases/mali-2020/report.md",
    "cases/mali-2020/timeline.png", "cases/mali-2020/timeline.svg",
    "cases/mali-2020/strategies.png", "cases/mali-2020/strategies.svg",
}


def snapshot(directory: Path) -> dict[str, bytes]:
    return {str(p.relative_to(directory)): p.read_bytes() for p in sorted(directory.rglob("*")) if p.is_file()}


def analyze(out: Path, *extra: str, env: dict | None = None):
    result = runner.invoke(app, ["analyze", str(MALI / "statements.csv"), "--out", str(out), "--quiet", *extra], env=env)
    assert result.exit_code == 0, result.output
    return snapshot(out)


def test_report_layout_and_byte_identical_runs(tmp_path):
    first = analyze(tmp_path / "a", "--report")
    assert REPORT_FILES <= set(first)
    again = analyze(tmp_path / "a", "--report")
    assert again == first
    # `toolkit report DIR` on the tables alone gives the same bytes
    shutil.rmtree(tmp_path / "a" / "cases"), shutil.rmtree(tmp_path / "a" / "figures")
    (tmp_path / "a" / "index.html").unlink()
    result = runner.invoke(app, ["report", str(tmp_path / "a"), "--quiet"])
    assert result.exit_code == 0, result.output
    assert snapshot(tmp_path / "a") == first
    assert not [p for p in (tmp_path / "a").rglob("*.tmp")]


def test_report_markdown_mentions_findings(tmp_path):
    files = analyze(tmp_path / "a", "--report")
    markdown = files["cases/mali-2020/report.md"].decode("utf-8")
    assert "![Timeline" in markdown and "(timeline.png)" in markdown and "(strategies.png)" in markdown
    assert "individus mal intentionnés" in markdown and "tiegoum maiga" in markdown
    index = files["index.md"].decode("utf-8")
    assert "(cases/mali-2020/report.md)" in index


def test_report_provenance(tmp_path, monkeypatch):
    files = analyze(tmp_path / "a")
    provenance = json.loads(files["provenance.json"])
    assert provenance["run_date"] is None and provenance["input_sha256"] and len(provenance["codebook_digest"]) == 64
    assert provenance["models"]["fr"].startswith("fr_core_news_sm ") and "--out" in provenance["command"]
    import hashlib

    assert provenance["input_sha256"] == hashlib.sha256((MALI / "statements.csv").read_bytes()).hexdigest()
    dated = analyze(tmp_path / "b", "--report", env={"SOURCE_DATE_EPOCH": "1578355200"})
    assert json.loads(dated["provenance.json"])["run_date"] == "2020-01-07T00:00:00Z"
    assert b"2020-01-07T00:00:00Z" in dated["cases/mali-2020/report.html"]


def test_report_crash_leaves_previous_report_intact(tmp_path, monkeypatch):
    before = analyze(tmp_path / "a", "--report")
    import toolkit.io.tables

    real_replace = toolkit.io.tables.os.replace

    def crash(src, dst):
        if str(dst).endswith("report.html"):
            raise OSError("disk full")
        return real_replace(src, dst)

    monkeypatch.setattr(toolkit.io.tables.os, "replace", crash)
    result = runner.invoke(app, ["report", str(tmp_path / "a"), "--quiet"])
    assert result.exit_code != 0
    after = snapshot(tmp_path / "a")
    assert after["cases/mali-2020/report.html"] == before["cases/mali-2020/report.html"]
    assert not [p for p in (tmp_path / "a").rglob("*.tmp")]


def test_report_formula_cells_neutralised_and_read_back(tmp_path):
    source = tmp_path / "f.csv"
    source.write_text('case_id,statement_id,timestamp,speaker,speaker_role,language,text\n'
                      'c1,s1,2020-01-06,=cmd|calc,official,en,"=HYPERLINK(""http://x"") Our account was hacked."\n',
                      encoding="utf-8")
    out = tmp_path / "out"
    result = runner.invoke(app, ["analyze", str(source), "--out", str(out), "--report", "--quiet"])
    assert result.exit_code == 0, result.output
    raw = (out / "statements.csv").read_text(encoding="utf-8")
    assert "'=cmd|calc" in raw and "\"'=HYPERLINK" in raw
    assert read_table(out / "statements.csv").loc[0, "speaker"] == "=cmd|calc"
    assert "=cmd|calc" in (out / "cases" / "c1" / "report.html").read_text(encoding="utf-8")


def test_report_missing_directory_one_line_exit_2(tmp_path):
    result = runner.invoke(app, ["report", str(tmp_path / "nope")])
    assert result.exit_code == 2
    lines = [line for line in result.output.splitlines() if line.startswith("error:")]
    assert len(lines) == 1 and "statements.csv" in lines[0] and "toolkit analyze" in lines[0]


def test_report_unsafe_case_id_stays_inside_directory(tmp_path):
    source = tmp_path / "c.csv"
    source.write_text("case_id,statement_id,speaker_role,language,text\n../../evil,s1,official,en,Our account was hacked.\n",
                      encoding="utf-8")
    out = tmp_path / "out"
    result = runner.invoke(app, ["analyze", str(source), "--out", str(out), "--report", "--quiet"])
    assert result.exit_code == 0, result.output
    reports = list((out / "cases").glob("*/report.html"))
    assert len(reports) == 1 and reports[0].parent.parent == out / "cases"


def test_report_pdf(tmp_path):
    from tests.report.browser import require_chromium

    require_chromium()
    analyze(tmp_path / "a")
    result = runner.invoke(app, ["report", str(tmp_path / "a"), "--pdf", "--quiet"])
    assert result.exit_code == 0, result.output
    pdf = tmp_path / "a" / "cases" / "mali-2020" / "report.pdf"
    assert pdf.read_bytes().startswith(b"%PDF") and pdf.stat().st_size > 10_000
    assert (tmp_path / "a" / "index.pdf").is_file()


def test_report_shows_a_user_codebooks_dimension(tmp_path):
    from tests.codebook.test_custom import STATEMENTS, write_codebook

    user = write_codebook(tmp_path / "mine")
    source = tmp_path / "statements.csv"
    STATEMENTS.to_csv(source, index=False)
    out = tmp_path / "out"
    result = runner.invoke(app, ["analyze", str(source), "--out", str(out), "--codebook", str(user), "--report", "--quiet"])
    assert result.exit_code == 0, result.output
    coded = "victimhood: <strong>self_as_victim</strong>"
    assert coded in (out / "cases" / "c1" / "report.html").read_text(encoding="utf-8")
    # toolkit report without the codebook the run used: warned, and the user's column is not a codebook column
    result = runner.invoke(app, ["report", str(out), "--quiet"])
    assert result.exit_code == 0 and "[W090]" in result.output
    assert coded not in (out / "cases" / "c1" / "report.html").read_text(encoding="utf-8")
    result = runner.invoke(app, ["report", str(out), "--codebook", str(user), "--quiet"])
    assert result.exit_code == 0 and "[W090]" not in result.output
    assert coded in (out / "cases" / "c1" / "report.html").read_text(encoding="utf-8")
