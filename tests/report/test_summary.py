"""The summary paragraph of the Mali case, in French (the corrective statement's language) and English."""

from __future__ import annotations

import pytest

from toolkit.report.summary import format_lag, quote_bounds, summarize_case, wording


@pytest.fixture(scope="module")
def mali_case(mali_tables):
    return mali_tables.case("mali-2020")


def test_summary_mali_in_french_names_every_finding(mali_case):
    text = summarize_case(mali_case).replace("’", "'")
    assert text.startswith("Le 6 janvier 2020, Presidence Mali (@PresidenceMali)")
    assert "« l'opinion nationale et internationale »" in text
    assert "individus mal intentionnés" in text and "attaquants extérieurs" in text
    assert "« Twitter en a été informé »" in text and "enquête (en cours" in text and "2 mesures correctives" in text
    assert "tiegoum maiga (@algayta) (source interne) 1 jour plus tard" in text and "de première main" in text
    assert "contredite par 3 déclarations ultérieures" in text


def test_summary_mali_in_english(mali_case):
    text = summarize_case(mali_case, "en")
    assert text.startswith("On 6 January 2020,") and "1 day later" in text and "external attackers" in text


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("seconds,expected", [(86400, "1"), (3 * 86400, "3"), (7200, "2"), (90, "1,5")])
def test_summary_format_lag(lang, seconds, expected):
    text = format_lag(seconds, wording()[lang])
    assert text.startswith(expected if lang == "fr" else expected.replace(",", "."))


def test_summary_quote_widens_to_phrase_end():
    text = "son compte a été piraté par des individus mal intentionnés.Twitter en a été informé et des"
    start = text.index("piraté")
    left, right = quote_bounds(text, start, start + len("piraté par des individus"), frozenset({"et"}))
    assert text[left:right] == "piraté par des individus mal intentionnés"
