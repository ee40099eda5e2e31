"""``toolkit analyze`` on hostile and unusual input, as a new user would try it: nothing lost, nothing crashes."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from tests.conftest import MALI, ROOT
from toolkit.cli import app
from toolkit.io.tables import read_table

runner = CliRunner()
HEADER = "case_id,statement_id,timestamp,speaker,speaker_role,language,text\n"


def run(*args: str):
    return runner.invoke(app, [str(a) for a in args])


def one_error(result, *expected: str) -> str:
    """The run exited 2 with exactly one ``error:`` line holding every expected part, and no traceback."""
    assert result.exit_code == 2, result.output
    lines = [line for line in result.output.splitlines() if line.startswith("error:")]
    assert len(lines) == 1 and all(part in lines[0] for part in expected), result.output
    assert "Traceback" not in result.output and "Usage:" not in result.output
    return lines[0]


def test_out_that_would_overwrite_the_input_is_refused_and_the_input_kept(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "statements.csv").write_bytes((MALI / "statements.csv").read_bytes())
    one_error(run("analyze", "statements.csv", "--out", ".", "-q"), "would overwrite the input statements.csv")
    assert (tmp_path / "statements.csv").read_bytes() == (MALI / "statements.csv").read_bytes()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["statements.csv"]


def test_a_second_pass_into_its_own_directory_is_refused_but_elsewhere_keeps_the_coding(tmp_path):
    first = tmp_path / "first"
    assert run("analyze", MALI / "statements.csv", "--out", first, "-q").exit_code == 0
    before = (first / "statements.csv").read_bytes()
    one_error(run("analyze", first / "statements.csv", "--out", first, "-q"), "would overwrite the input")
    assert (first / "statements.csv").read_bytes() == before
    result = run("analyze", first / "statements.csv", "--out", tmp_path / "second", "-q")
    assert result.exit_code == 0, result.output
    assert "kept under another name" in result.output
    earlier, again = read_table(first / "statements.csv"), read_table(tmp_path / "second" / "statements.csv")
    for column in ("corrective", "strategies", "audience", "defaulted", "row"):
        assert again[f"input_{column}"].tolist() == earlier[column].tolist()  # the earlier coding, kept
    assert again["text"].tolist() == earlier["text"].tolist()


def test_a_directory_holding_other_files_is_refused_before_anything_is_written(tmp_path):
    out = tmp_path / "notes"
    out.mkdir()
    (out / "my-coding.csv").write_text("mine\n")
    one_error(run("analyze", MALI / "statements.csv", "--out", out, "-q"), "did not write (my-coding.csv)")
    assert [p.name for p in out.iterdir()] == ["my-coding.csv"]


@pytest.mark.parametrize("case", ["existing file", "parent is a file", "not writable"])
def test_unusable_out_is_one_line(tmp_path, monkeypatch, case):
    (tmp_path / "file").write_text("x")
    out = {"existing file": tmp_path / "file", "parent is a file": tmp_path / "file" / "out"}.get(case, tmp_path / "locked" / "out")
    if case == "not writable":  # root may write anywhere: deny as the file system would
        import toolkit.io.output_dir

        monkeypatch.setattr(toolkit.io.output_dir.os, "access", lambda path, mode: False)
    line = one_error(run("analyze", MALI / "statements.csv", "--out", out, "-q"), str(out))
    assert {"existing file": "existing file", "parent is a file": "is a file", "not writable": "not writable"}[case] in line
    assert sorted(p.name for p in tmp_path.iterdir()) == ["file"]


def test_a_refused_input_creates_no_output_directory(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text(HEADER + "c1,s1,2020-01-06,Org,spokesperson,en,Hacked.\n")
    one_error(run("analyze", path, "--out", tmp_path / "out", "-q"), "row 1, column 'speaker_role'")
    assert not (tmp_path / "out").exists()


def test_an_output_directory_holds_one_run_and_every_file_has_the_usual_mode(tmp_path):
    two = tmp_path / "two.csv"
    two.write_text(HEADER + "a,s1,2020-01-06,Org,official,en,Our account was hacked.\n"
                   "b,s1,2020-01-07,Org,official,en,We apologise.\n")
    one = tmp_path / "one.csv"
    one.write_text(HEADER + "a,s1,2020-01-06,Org,official,en,Our account was hacked.\n")
    out = tmp_path / "out"
    previous = os.umask(0o022)
    try:
        assert run("analyze", two, "--out", out, "--report", "-q").exit_code == 0
        assert (out / "cases" / "b").is_dir()
        assert run("analyze", one, "--out", out, "-q").exit_code == 0
    finally:
        os.umask(previous)
    assert not (out / "cases").exists() and not (out / "index.html").exists()  # the earlier run's reports are gone
    assert set(read_table(out / "cases.csv")["case_id"]) == {"a"}
    assert run("analyze", two, "--out", out, "--report", "-q").exit_code == 0
    modes = {p.relative_to(out).as_posix(): p.stat().st_mode & 0o777 for p in out.rglob("*") if p.is_file()}
    assert "provenance.json" in modes and "index.html" in modes and "cases/b/report.html" in modes
    assert set(modes.values()) == {0o644}, modes


def test_header_cells_are_neutralised(tmp_path):
    path = tmp_path / "f.csv"
    path.write_text('text,"=HYPERLINK(""http://x"",""y"")",@note\nOur account was hacked.,1,2\n')
    assert run("analyze", path, "--out", tmp_path / "out", "-q").exit_code == 0
    header = (tmp_path / "out" / "statements.csv").read_text().splitlines()[0]
    assert "'=HYPERLINK" in header and ",'@note," in header
    assert {'=HYPERLINK("http://x","y")', "@note"} <= set(read_table(tmp_path / "out" / "statements.csv").columns)


def test_ids_and_nested_values_from_json_lines_and_parquet_are_written_as_given(tmp_path):
    frame = pd.DataFrame({"statement_id": pd.array([101, None, 7], dtype="Int64"),
                          "text": ["Our account was hacked.", "We apologise.", "It was not hacked."]})
    frame.to_parquet(tmp_path / "s.parquet")
    (tmp_path / "s.jsonl").write_text(
        '{"statement_id": 101, "text": "Our account was hacked.", "meta": {"a": 1}}\n'
        '{"statement_id": null, "text": "We apologise.", "meta": [1, 2]}\n'
        '{"statement_id": 7, "text": "It was not hacked.", "meta": null}\n', encoding="utf-8")
    for source in ("s.parquet", "s.jsonl"):
        assert run("analyze", tmp_path / source, "--out", tmp_path / source.replace(".", "-"), "-q").exit_code == 0
        out = read_table(tmp_path / source.replace(".", "-") / "statements.csv")
        assert out["statement_id"].tolist() == ["101", "2", "7"]
    assert out["meta"].tolist() == ['{"a": 1}', "[1, 2]", ""]


@pytest.mark.parametrize("content,expected", [
    ("text,text\nA.,B.\n", "duplicate column names 'text'"),
    ('id,text\n1,"Ni pirates, ni hackers\n2,later\n', "row 1"),
    ("text\n" + "x" * 1_000_001 + "\n", "row 1, column 'text'"),
])
def test_unusual_csv_is_refused_with_its_place(tmp_path, content, expected):
    path = tmp_path / "in.csv"
    path.write_text(content)
    one_error(run("analyze", path, "--out", tmp_path / "out", "-q"), str(path), expected)


def test_a_lone_cr_inside_a_quoted_text_round_trips(tmp_path):
    texts = ["Our account\rwas hacked.", "We apologise.\r\rSorry."]
    path = tmp_path / "cr.csv"
    pd.DataFrame({"text": texts, "language": "en"}).to_csv(path, index=False, lineterminator="\r\n")
    assert run("analyze", path, "--out", tmp_path / "a", "-q").exit_code == 0
    assert read_table(tmp_path / "a" / "statements.csv")["text"].tolist() == texts
    assert run("analyze", tmp_path / "a" / "statements.csv", "--out", tmp_path / "b", "-q").exit_code == 0
    assert read_table(tmp_path / "b" / "statements.csv")["text"].tolist() == texts


@settings(max_examples=6, deadline=None)
@given(name=st.sampled_from(["$a^b^c$", r"$\nocommand$", "${$", "Org $x^2$ and $y$", "a$b", r"\frac{1}{0}"]))
def test_mathtext_in_speakers_and_case_ids_is_drawn_literally(tmp_path_factory, name):
    tmp_path = tmp_path_factory.mktemp("math")
    path = tmp_path / "m.csv"
    pd.DataFrame({"case_id": [name, name], "statement_id": ["s1", "s2"], "speaker": [name, "Jo"],
                  "speaker_role": ["official", "journalist"], "timestamp": ["2020-01-06", "2020-01-07"],
                  "language": "en", "text": ["Our account was hacked.", "The account was not hacked."]}).to_csv(path, index=False)
    result = run("analyze", path, "--out", tmp_path / "out", "--report", "-q")
    assert result.exit_code == 0, result.output
    assert len(list((tmp_path / "out" / "cases").glob("*/timeline.svg"))) == 1


def test_years_1_and_9999_are_analysed_and_linked(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text(HEADER + "c1,s1,0001-01-01,Org,official,en,Our account was hacked.\n"
                    "c1,s2,9999-12-31,Jo,journalist,en,The account was not hacked.\n")
    result = run("analyze", path, "--out", tmp_path / "out", "--report", "-q")
    assert result.exit_code == 0, result.output
    links = read_table(tmp_path / "out" / "links.csv")
    assert links["lag_seconds"].tolist() == [str((pd.Timestamp("9999-12-31") - pd.Timestamp("0001-01-01").as_unit("us")).days * 86400)]


def test_an_unreadable_input_is_one_error_line(tmp_path, monkeypatch):
    path = tmp_path / "secret.csv"
    path.write_text("text\nHello.\n")
    real = os.access
    monkeypatch.setattr(os, "access", lambda p, mode, *a, **k: False if Path(p) == path else real(p, mode, *a, **k))
    one_error(run("analyze", path, "--out", tmp_path / "out", "-q"), str(path), "permission denied")


def test_pdf_without_chromium_is_refused_before_the_analysis(tmp_path, monkeypatch):
    monkeypatch.setattr("toolkit.report.pdf.find_chromium", lambda: None)
    monkeypatch.setattr("toolkit.cli.analyze.analyze_to_dir", lambda *a, **k: pytest.fail("analysis ran before the check"))
    one_error(run("analyze", MALI / "statements.csv", "--out", tmp_path / "out", "--pdf", "-q"), "--pdf needs Chromium")
    assert not (tmp_path / "out").exists()


def test_help_shows_defaults_and_no_bool_metavar():
    result = runner.invoke(app, ["analyze", "--help"], terminal_width=200)
    assert result.exit_code == 0
    assert "[default: ./toolkit-out/<input stem>]" in result.output and "[default: 4000" in result.output
    assert "<bool>" not in result.output


def test_short_statements_without_language_are_analysed_not_refused(tmp_path):
    path = tmp_path / "short.csv"
    path.write_text("text\nTak.\nOK.\nMerci !\nOur account was hacked.\n")
    result = run("analyze", path, "--out", tmp_path / "out", "-q")
    assert result.exit_code == 0, result.output
    assert result.output.count("language of some short or mixed statements is uncertain") == 1
    out = read_table(tmp_path / "out" / "statements.csv")
    assert len(out) == 4 and set(out["language"]) <= {"en", "fr"}


def test_ctrl_c_stops_at_once_with_one_line_and_keeps_the_earlier_output(tmp_path):
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from synthetic import corpus

    big = tmp_path / "big.csv"
    corpus(6_000, cases=50, seed=3).to_csv(big, index=False)
    out = tmp_path / "out"
    assert run("analyze", MALI / "statements.csv", "--out", out, "-q").exit_code == 0
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    toolkit_cli = Path(sys.executable).parent / "toolkit"
    # The child starts with the default Ctrl-C disposition whatever the test runner's is (an ignored SIGINT is
    # inherited across exec, and Python then installs no KeyboardInterrupt handler), as a terminal's foreground job.
    process = subprocess.Popen(
        [str(toolkit_cli), "analyze", str(big), "--out", str(out), "-n", "2", "-q", "--chunk-size", "500"],
        stderr=subprocess.PIPE, text=True, start_new_session=True,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    started = time.monotonic()
    while not any(p.stat().st_size for p in out.glob(".toolkit-*/run/statements.csv")):  # a chunk is tagged
        assert process.poll() is None, process.stderr.read()
        time.sleep(0.05)
    os.killpg(process.pid, signal.SIGINT)  # as a terminal's Ctrl-C: the whole process group, mid-run
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 130, f"exit {process.returncode} {time.monotonic() - started:.1f} s after start: {stderr}"
    lines = [line for line in stderr.splitlines() if line.startswith("error:")]
    assert lines == [f"error: [E086] interrupted; nothing was written to {out} (its earlier outputs are unchanged)"], stderr
    assert "Traceback" not in stderr
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
