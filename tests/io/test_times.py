"""Timestamps are parsed once, at input, into the typed ``time_utc`` column that every later stage reads."""

from __future__ import annotations

import warnings

import pandas as pd

import toolkit
from toolkit.io.statements import TIME, iter_statements, output_columns

HEADER = "case_id,statement_id,timestamp,speaker,speaker_role,language,text\n"


def statements(tmp_path, rows: str, extra_header: str = ""):
    path = tmp_path / "in.csv"
    path.write_text(HEADER.rstrip("\n") + extra_header + "\n" + rows, encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return path, pd.concat(list(iter_statements(path, ["en", "fr"], reserved=output_columns([]))))


def test_offsets_are_normalised_to_utc_and_the_given_text_is_kept(tmp_path):
    _, frame = statements(
        tmp_path,
        "c,s1,2020-01-06T23:30:00+01:00,A,official,en,One.\n"
        "c,s2,2020-01-06,B,journalist,en,Two.\n"
        "c,s3,,C,public,en,Three.\n",
    )
    assert str(frame[TIME].dtype) == "datetime64[us, UTC]"
    assert frame[TIME].iloc[0] == pd.Timestamp("2020-01-06T22:30:00Z")
    assert frame[TIME].iloc[1] == pd.Timestamp("2020-01-06T00:00:00Z")  # zone-less: taken as UTC
    assert pd.isna(frame[TIME].iloc[2])
    assert frame["timestamp"].tolist() == ["2020-01-06T23:30:00+01:00", "2020-01-06", ""]


def test_an_input_column_named_like_the_time_column_is_kept(tmp_path):
    _, frame = statements(tmp_path, "c,s1,2020-01-06,A,official,en,One.,mine\n", extra_header=f",{TIME}")
    assert frame[f"input_{TIME}"].tolist() == ["mine"]
    assert frame[TIME].iloc[0] == pd.Timestamp("2020-01-06T00:00:00Z")


def test_linking_orders_by_utc_time_not_by_the_written_clock(tmp_path):
    """23:30 in Paris is before 22:45 in London: the later denial contradicts the earlier hack claim."""
    path, _ = statements(
        tmp_path,
        "c,s1,2020-01-06T23:30:00+01:00,The ministry,official,en,Our account was hacked.\n"
        "c,s2,2020-01-06T22:45:00Z,Jo Reporter,journalist,en,The account was not hacked.\n",
    )
    result = toolkit.analyze(path)
    link = result.links.iloc[0]
    assert (link["claim_statement_id"], link["evidence_statement_id"], link["relation"]) == ("s1", "s2", "contradicts")
    assert link["lag_seconds"] == 15 * 60
    out = tmp_path / "out"
    toolkit.analyze_to_dir(path, out)
    typed = toolkit.read_result(out).statements
    assert typed[TIME].tolist() == result.statements[TIME].tolist()
    assert str(typed[TIME].dtype) == "datetime64[us, UTC]"
