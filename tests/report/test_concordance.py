"""Keyword in context from tag spans (toolkit.report.concordance)."""

from __future__ import annotations

import pytest

import toolkit
from tests.conftest import CORPORA, MALI
from toolkit.errors import InputError
from toolkit.report.concordance import context, kwic


@pytest.fixture(scope="module")
def weiner():
    return toolkit.analyze(CORPORA / "weiner-2011" / "statements.csv")


def test_kwic_context_window_counts_words():
    text = "one two three KEY WORD four five six"
    start = text.index("KEY")
    assert context(text, start, start + len("KEY WORD"), 2) == ("two three", "KEY WORD", "four five")
    assert context(text, start, start + 3, 0) == ("", "KEY", "")


def test_kwic_rows_are_tag_spans_in_context(weiner):
    rows = kwic(weiner, "blame_shift:external_attacker", window=3)
    assert len(rows) >= 1
    statements = weiner.statements.set_index("statement_id")["text"]
    for row in rows.itertuples(index=False):
        text = statements[row.statement_id]
        assert " ".join(text[row.start_char:row.end_char].split()) == row.keyword
        assert len(row.pre.split()) <= 3 and len(row.post.split()) <= 3
        assert text[: row.start_char].split()[-len(row.pre.split()):] == row.pre.split() if row.pre else True


def test_kwic_counted_only_drops_negated_and_reported(weiner):
    every = kwic(weiner, "blame_shift:external_attacker")
    counted = kwic(weiner, "blame_shift:external_attacker", counted_only=True)
    assert set(counted["counted"]) <= {1}
    assert len(counted) == int(every["counted"].sum())


def test_kwic_accepts_column_name_and_whole_dimension():
    result = toolkit.analyze(MALI / "statements.csv")
    by_column = kwic(result, "strategies:minimization")
    assert set(by_column["keyword"]) == {"momentanément"}
    assert set(kwic(result, "remediation")["label"]) == {"platform_notified", "investigation"}


@pytest.mark.parametrize("label", ["blame:external_attacker", "blame_shift:hackers"])
def test_kwic_unknown_label_is_an_input_error(label):
    result = toolkit.analyze(MALI / "statements.csv")
    with pytest.raises(InputError, match="bad label"):
        kwic(result, label)


def test_concordance_streams_a_file_like_a_result():
    path = MALI / "statements.csv"
    streamed = kwic(path, "remediation", window=4)
    assert len(streamed) > 0
    assert streamed.equals(kwic(toolkit.analyze(path), "remediation", window=4))
