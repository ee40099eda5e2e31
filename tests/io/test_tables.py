"""CSV outputs: formula-like cells neutralised for spreadsheets and restored exactly on read-back."""

from __future__ import annotations

import pandas as pd

from toolkit.io.tables import csv_bytes, read_table, write_table

CELLS = ["=1+1", "+33 6 12", "-2", "@handle", "\tindent", "'quoted", "plain", "a=b", ""]


def test_every_formula_prefix_is_neutralised_and_read_back(tmp_path):
    frame = pd.DataFrame({"text": CELLS, "n": range(len(CELLS))})
    raw = csv_bytes(frame).decode()
    for cell in ("'=1+1", "'+33 6 12", "'-2", "'@handle", "''quoted"):
        assert f"\n{cell}," in raw or f'\n"{cell}",' in raw
    assert "\nplain,6" in raw and "\na=b,7" in raw  # no prefix, or '=' inside: untouched
    write_table(frame, tmp_path / "t.csv")
    back = read_table(tmp_path / "t.csv")
    assert back["text"].tolist() == CELLS
    assert back["n"].tolist() == [str(n) for n in range(len(CELLS))]


def test_mixed_and_numeric_columns_keep_their_values():
    frame = pd.DataFrame(
        {
            "mixed": pd.Series(["=x", 3, None, "y"], dtype=object),
            "ints": pd.Series([1, -2, 3, 4], dtype=object),
            "lag": pd.Series([1, None, -5, 7], dtype="Int64"),
        }
    )
    lines = csv_bytes(frame).decode().splitlines()
    assert lines == ["mixed,ints,lag", "'=x,1,1", "3,-2,", ",3,-5", "y,4,7"]  # numbers are not text: no prefix


def test_empty_frame_keeps_its_header():
    assert csv_bytes(pd.DataFrame(columns=["a", "b"])) == b"a,b\n"


def test_empty_table_reads_back_with_its_columns(tmp_path):
    write_table(pd.DataFrame(columns=["a", "b"]), tmp_path / "e.csv")
    back = read_table(tmp_path / "e.csv")
    assert list(back.columns) == ["a", "b"] and back.empty
