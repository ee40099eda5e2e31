"""Jupyter rendering of results, cases and statements (toolkit.report.display via _repr_html_)."""

from __future__ import annotations

import pytest

import toolkit
from tests.conftest import MALI


@pytest.fixture(scope="module")
def mali():
    return toolkit.analyze(MALI / "statements.csv")


def test_display_statement_highlights_spans(mali):
    view = mali.statement("mali-2020", "s3")
    html = view._repr_html_()
    assert '<mark class="tag dim-' in html
    assert "Twitter en a été informé" in html and "fr.rem.platform_informed" in html
    assert "corrective" in html and "s3 contradicts by s4" in html
    assert len(view.tags) == int((mali.tags["statement_id"] == "s3").sum())


def test_display_case_and_result_render(mali):
    case_html = mali.case("mali-2020")._repr_html_()
    assert case_html.count('class="statement"') == 6 and "incompatible_cause" in case_html
    result_html = mali._repr_html_()
    assert "6 statements" in result_html and "mali-2020" in result_html and "<mark" in result_html


def test_display_escapes_statement_text():
    import pandas as pd

    frame = pd.DataFrame({"text": ["<script>alert(1)</script> Our account was hacked."], "language": ["en"],
                          "timestamp": ["2020-01-01"], "speaker_role": ["official"], "statement_id": ["s1"], "case_id": ["c"]})
    result = toolkit.analyze(frame)
    html = result.statement("c", "s1")._repr_html_()
    assert "<script>alert" not in html and "&lt;script&gt;" in html


def test_display_unknown_statement_is_a_key_error(mali):
    with pytest.raises(KeyError, match="no statement 's99'"):
        mali.statement("mali-2020", "s99")
