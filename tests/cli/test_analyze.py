"""``toolkit analyze``: bad input gives one clear line and exit code 2; outputs are byte-identical."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.conftest import MALI
from toolkit.cli import app

runner = CliRunner()

HEADER = "case_id,statement_id,timestamp,speaker,speaker_role,channel,language,text\n"
GOOD = "c1,s1,2020-01-06,Org,official,twitter,en,Our account was hacked.\n"


def run(*args: str):
    return runner.invoke(app, list(args))


def write(tmp_path: Path, name: str, data: bytes | str) -> Path:
    path = tmp_path / name
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return path


@pytest.mark.parametrize(
    "name,content,expected",
    [
        ("notext.csv", "case_id,statement_id\nc1,s1\n", "column 'text'"),
        ("empty.csv", "", "holds no statements"),
        ("header_only.csv", HEADER, "holds no statements"),
        ("latin1.csv", HEADER.encode() + "c1,s1,2020-01-06,Org,official,twitter,fr,Le compte a été piraté\n".encode("latin-1"), "line 2"),
        ("badtime.csv", HEADER + "c1,s1,yesterday at noon,Org,official,twitter,en,Hacked.\n", "row 1, column 'timestamp'"),
        ("badrole.csv", HEADER + GOOD + "c1,s2,2020-01-07,Org,spokesperson,twitter,en,Hacked.\n", "row 2, column 'speaker_role'"),
        ("dup.csv", HEADER + GOOD + GOOD, "row 2, column 'statement_id'"),
        ("lang.csv", HEADER + "c1,s1,2020-01-06,Org,official,twitter,de,Unser Konto wurde gehackt.\n", "row 1, column 'language'"),
        ("emptytext.csv", HEADER + "c1,s1,2020-01-06,Org,official,twitter,en,\n", "row 1, column 'text'"),
        ("statements.xlsx", "not a spreadsheet", "unsupported input format"),
    ],
)
def test_cli_bad_input_one_line_exit_2(tmp_path, name, content, expected):
    path = write(tmp_path, name, content)
    result = run("analyze", str(path), "--out", str(tmp_path / "out"), "--quiet")
    assert result.exit_code == 2, result.output
    lines = [line for line in result.output.splitlines() if line.startswith("error:")]
    assert len(lines) == 1 and expected in lines[0] and str(path) in lines[0]
    assert "Traceback" not in result.output


def test_cli_missing_file(tmp_path):
    result = run("analyze", str(tmp_path / "nope.csv"), "--quiet")
    assert result.exit_code == 2 and "no such file" in result.output


def test_cli_defaults_are_announced_and_written(tmp_path):
    path = write(tmp_path, "bare.csv", "text\nOur account was hacked by criminals.\nNotre compte a été piraté.\n")
    result = run("analyze", str(path), "--out", str(tmp_path / "out"), "--quiet")
    assert result.exit_code == 0, result.output
    for column in ("statement_id", "case_id", "language", "timestamp", "speaker_role"):
        assert f"no '{column}' column" in result.output
    import pandas as pd

    out = pd.read_csv(tmp_path / "out" / "statements.csv", dtype=str, keep_default_na=False)
    assert list(out.statement_id) == ["1", "2"]
    assert set(out.case_id) == {"bare"}
    assert list(out.language) == ["en", "fr"]
    assert out.defaulted[0].split(";") == ["statement_id", "case_id", "speaker", "speaker_role", "channel", "language"]
    assert list(out.blame_shift) == ["external_attacker", "external_attacker"]


def test_cli_outputs_byte_identical_across_runs(tmp_path):
    for name in ("a", "b"):
        assert run("analyze", str(MALI / "statements.csv"), "--out", str(tmp_path / name), "--quiet").exit_code == 0
    for file in ("statements.csv", "tags.csv"):
        assert (tmp_path / "a" / file).read_bytes() == (tmp_path / "b" / file).read_bytes()


def test_cli_reads_bom_parquet_and_jsonl_alike(tmp_path):
    import pandas as pd

    frame = pd.read_csv(MALI / "statements.csv", dtype=str, keep_default_na=False)
    bom = tmp_path / "bom.csv"
    bom.write_bytes(b"\xef\xbb\xbf" + (MALI / "statements.csv").read_bytes())
    frame.to_parquet(tmp_path / "s.parquet")
    frame.to_json(tmp_path / "s.jsonl", orient="records", lines=True, force_ascii=False)
    tables = []
    for path in (bom, tmp_path / "s.parquet", tmp_path / "s.jsonl"):
        out = tmp_path / path.suffix.strip(".")
        assert run("analyze", str(path), "--out", str(out), "--quiet").exit_code == 0
        tables.append((out / "tags.csv").read_bytes())
    assert tables[0] == tables[1] == tables[2]


def test_cli_summary_table_lists_counts(tmp_path):
    result = run("analyze", str(MALI / "statements.csv"), "--out", str(tmp_path))
    assert result.exit_code == 0
    assert "external_attacker" in result.output and "platform_notified" in result.output


def test_progress_bar_shows_rate_and_eta_on_a_terminal_only(monkeypatch):
    import io
    import time

    from rich.console import Console

    from toolkit.cli import analyze as command

    screen = io.StringIO()
    monkeypatch.setattr(command, "err", Console(file=screen, force_terminal=True, color_system=None, width=120))
    with command.progress_bar(quiet=False) as progress:
        progress.start(10_000)  # the number of statements, known once the input is validated
        for _ in range(3):
            progress.advance(1_000)
            time.sleep(0.2)  # rich needs samples over time to compute the rate
    shown = screen.getvalue()
    assert "analysing" in shown and "3000/10000" in shown and "statements/s" in shown
    assert re.search(r"statements/s\s+\d+:\d\d:\d\d", shown)  # the ETA (h:mm:ss) follows the rate
    for quiet, total, terminal in ((True, 10_000, True), (False, 100, True), (False, 10_000, False)):
        screen = io.StringIO()
        monkeypatch.setattr(command, "err", Console(file=screen, force_terminal=terminal, color_system=None, width=120))
        with command.progress_bar(quiet=quiet) as progress:
            progress.start(total)
            progress.advance(total)
        assert screen.getvalue() == ""  # quiet, a small input, or not a terminal: no bar
