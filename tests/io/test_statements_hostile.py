"""Hostile and unusual input files: every accepted row comes out as one row, exactly, or the file is refused with its place.

Reader-level properties (no spaCy): generated CSV, JSON Lines and Parquet files.
"""

from __future__ import annotations

import csv
import io
import json
import warnings

import pandas as pd
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import toolkit.engine.run
from toolkit.errors import InputError
from toolkit.io.statements import TEXT_LIMIT, iter_statements, output_columns, read_frame, validate
from toolkit.io.tables import csv_bytes, read_table, write_table

FAST = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
# any text a statement can hold: quotes, commas, CR, LF, formula starts, non-Latin letters (no surrogates)
TEXTS = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=30)
LABELS = ("audience", "blame_shift", "remediation", "strategies")


def csv_file(tmp_path, data: bytes, name: str = "in.csv"):
    path = tmp_path / name
    path.write_bytes(data)
    return path


@FAST
@given(texts=st.lists(TEXTS, min_size=1, max_size=8))
def test_texts_of_the_toolkits_own_csv_round_trip_exactly(tmp_path, texts):
    """statements.csv is valid input: every text (lone CR included) comes back byte-identical, one row each."""
    frame = pd.DataFrame({"text": texts, "speaker": ["a"] * len(texts)})
    path = csv_file(tmp_path, csv_bytes(frame))
    back = read_table(path)  # the output reader
    assert back["text"].tolist() == texts
    raw, _ = read_frame(path)  # the input reader, on the same bytes
    assert len(raw) == len(texts)


@FAST
@given(texts=st.lists(TEXTS, min_size=1, max_size=8), ending=st.sampled_from(["\r\n", "\n"]))
def test_a_properly_quoted_csv_reads_back_exactly(tmp_path, texts, ending):
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator=ending, quoting=csv.QUOTE_ALL if ending == "\n" else csv.QUOTE_MINIMAL)
    writer.writerow(["statement_id", "text", "speaker"])
    writer.writerows([[str(n), text, "x"] for n, text in enumerate(texts)])
    frame, _ = read_frame(csv_file(tmp_path, buffer.getvalue().encode("utf-8")))
    assert frame["text"].tolist() == texts and frame["statement_id"].tolist() == [str(n) for n in range(len(texts))]


def _unquoted(text: str) -> str:
    """A text written unquoted whose every stray quote is a typo, not the close of a quoted field.

    It does not end in CR ("x\r\n" is a CRLF line end), and no quote stands right before a comma or a
    line end: such a quote closes a quoted field and leaves valid CSV with other rows, which no reader
    can tell from a typo (README, Guarantees).
    """
    return (text.replace('"\r', '"a') + "b") if text.endswith(("\r", '"')) else text.replace('"\r', '"a')


@FAST
@given(texts=st.lists(st.text(st.sampled_from('ab "\r'), min_size=1, max_size=6).map(_unquoted), min_size=2, max_size=6))
def test_stray_quotes_and_lone_cr_never_merge_or_split_rows_silently(tmp_path, texts):
    """Texts written unquoted: either each line is one row with its exact text, or the file is refused with a row."""
    data = "id,text,speaker\n" + "".join(f"{n},{text},x\n" for n, text in enumerate(texts))
    try:
        frame, _ = read_frame(csv_file(tmp_path, data.encode("utf-8")))
    except InputError as exc:
        assert "in.csv, row " in str(exc)
        return
    assert frame["text"].tolist() == texts


def test_stray_quote_refused_with_its_row_instead_of_swallowing_the_rest(tmp_path):
    data = 'id,text,speaker\n1,fine,x\n2,"Ni pirates, ni hackers,x\n3,later,x\n4,"end",x\n'
    with pytest.raises(InputError, match=r"in\.csv, row 2"):
        read_frame(csv_file(tmp_path, data.encode()))


@FAST
@given(names=st.lists(st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=12), min_size=1, max_size=4, unique=True))
def test_header_cells_are_neutralised_and_restored(tmp_path, names):
    assume(len({n.strip() for n in names}) == len(names) and all(n.strip() for n in names))
    frame = pd.DataFrame({name: ["v"] for name in names})
    write_table(frame, tmp_path / "t.csv")
    assert list(read_table(tmp_path / "t.csv").columns) == names
    header = next(csv.reader(io.StringIO(csv_bytes(frame).decode(), newline="")))
    assert not [cell for cell in header if cell.startswith(("=", "+", "-", "@"))]


@pytest.mark.parametrize(
    "data",
    [b"text,text\na,b\n", b"speaker,text, speaker\na,b,c\n", b'{"text": "a", "text": "b"}\n'],
    ids=["csv", "csv-trimmed", "jsonl"],
)
def test_duplicate_column_names_are_refused_with_their_names(tmp_path, data):
    path = csv_file(tmp_path, data, "dup.jsonl" if data.startswith(b"{") else "dup.csv")
    with pytest.raises(InputError, match=r"duplicate column names '(text|speaker)'"):
        read_frame(path)


def test_duplicate_dataframe_and_parquet_columns_are_refused(tmp_path):
    frame = pd.DataFrame([["a", "b"]], columns=["text", "text "])
    with pytest.raises(InputError, match="duplicate column names 'text'"):
        read_frame(frame)
    import pyarrow as pa
    import pyarrow.parquet as pq

    pq.write_table(pa.table([pa.array(["a"]), pa.array(["b"])], names=["text", "text"]), tmp_path / "d.parquet")
    with pytest.raises(InputError, match="duplicate column names 'text'"):
        read_frame(tmp_path / "d.parquet")


@FAST
@given(ids=st.lists(st.one_of(st.none(), st.integers(-10**12, 10**12)), min_size=2, max_size=6))
def test_integer_ids_with_gaps_stay_as_given_in_jsonl_and_parquet(tmp_path, ids):
    rows = [{"statement_id": i, "text": "t", "meta": {"a": [1, "é"]}} for i in ids]
    (tmp_path / "s.jsonl").write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    pd.DataFrame({"statement_id": pd.array(ids, dtype="Int64"), "text": "t"}).to_parquet(tmp_path / "s.parquet")
    expected = ["" if i is None else str(i) for i in ids]
    jsonl, _ = read_frame(tmp_path / "s.jsonl")
    parquet, _ = read_frame(tmp_path / "s.parquet")
    assert jsonl["statement_id"].tolist() == expected == parquet["statement_id"].tolist()
    assert set(jsonl["meta"]) == {'{"a": [1, "é"]}'}  # nested values as JSON, not Python reprs


@FAST
@given(good=st.integers(0, 5), bad=st.sampled_from(["{oops", "[1, 2]", '"text"', "\ufeff{}", "{} {}"]))
def test_a_bad_json_line_is_refused_with_its_line_number(tmp_path, good, bad):
    assume(good or not bad.startswith("\ufeff"))  # a byte order mark opening the file is accepted
    lines = [json.dumps({"text": f"t{n}"}) for n in range(good)] + [bad, json.dumps({"text": "last"})]
    path = tmp_path / "s.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(InputError, match=rf"s\.jsonl, line {good + 1}:"):
        read_frame(path)


def test_a_byte_order_mark_at_the_start_of_json_lines_is_accepted(tmp_path):
    path = tmp_path / "s.jsonl"
    path.write_bytes(b"\xef\xbb\xbf" + b'{"text": "a"}\n{"text": "b"}\n')
    assert read_frame(path)[0]["text"].tolist() == ["a", "b"]


def test_json_lines_with_varying_keys_share_one_set_of_columns_across_chunks(tmp_path):
    path = tmp_path / "s.jsonl"
    path.write_text('{"text": "a"}\n{"text": "b", "extra": "x"}\n', encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        checked = validate(path, ["en", "fr"], chunk_size=1)
        chunks = list(iter_statements(path, ["en", "fr"], chunk_size=1, columns=checked.columns))
    assert [list(c.columns) for c in chunks][0] == list(chunks[1].columns)
    assert [c["extra"].iloc[0] for c in chunks] == ["", "x"]


@FAST
@given(present=st.lists(st.sampled_from(output_columns(LABELS) + ("input_row",)), min_size=1, unique=True), value=TEXTS)
def test_input_columns_named_like_output_columns_are_kept_under_input_prefix(present, value):
    assume(set(present) & set(output_columns(LABELS)))
    frame = pd.DataFrame({"text": ["Our account was hacked."], **{name: [value] for name in present}})
    with pytest.warns(UserWarning, match="kept under another name"):
        (out,) = iter_statements(frame, ["en"], reserved=output_columns(LABELS))
    for name in present:
        new = "input_" + name
        while new in present:
            new = "input_" + new
        assert out[new if name in output_columns(LABELS) else name].tolist() == [value]  # every input column kept
    assert out["row"].tolist() == [1]


def test_a_text_longer_than_spacy_max_length_is_refused_with_its_row(tmp_path):
    data = "text\nshort\n" + "x" * (TEXT_LIMIT + 1) + "\n"
    with pytest.raises(InputError, match=r"row 2, column 'text': text of 1,000,001 characters"):
        validate(csv_file(tmp_path, data.encode()), ["en"])


def test_years_1_and_9999_are_accepted(tmp_path):
    data = "text,timestamp\nA.,0001-01-01\nB.,9999-12-31T23:59:59Z\n"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        assert validate(csv_file(tmp_path, data.encode()), ["en"]).rows == 2


@pytest.mark.parametrize("texts", [["Tak.", "OK.", "Merci !", "Hm"], ["123", "!!!", "Ja."]])
def test_short_statements_get_a_language_with_a_pipeline_and_a_warning(texts):
    with pytest.warns(UserWarning, match="language of some short or mixed statements is uncertain"):
        (out,) = iter_statements(pd.DataFrame({"text": texts}), ["en", "fr"])
    assert set(out["language"]) <= {"en", "fr"}
    assert all("language" in d.split(";") for d in out["defaulted"])


def test_a_bad_last_row_is_refused_before_any_tagging_or_directory(tmp_path, monkeypatch):
    rows = "".join(f"c{n % 7},s{n},Org,official,en,Statement {n}.\n" for n in range(5_000))
    path = csv_file(tmp_path, ("case_id,statement_id,speaker,speaker_role,language,text\n" + rows + "c1,s9,Org,spokesperson,en,x\n").encode())

    def no_tagging(*args, **kwargs):
        raise AssertionError("tagging started before the input was validated")

    monkeypatch.setattr(toolkit.engine.run, "runner", no_tagging)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with pytest.raises(InputError, match=r"row 5001, column 'speaker_role'"):
            toolkit.engine.run.analyze_to_dir(path, tmp_path / "out", chunk_size=100)
    assert not (tmp_path / "out").exists()
