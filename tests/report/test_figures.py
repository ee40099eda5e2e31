"""Report figures: ``ax=None`` habit, no missing glyphs (accents, emoji, non-Latin), deterministic bytes."""

from __future__ import annotations

import os
import warnings

import matplotlib.pyplot as plt
import pandas as pd
import pytest

from toolkit.report import figures

NEEDED_FONTS = ("DejaVu Sans", "Symbola")


def require_fonts():
    missing = [f for f in NEEDED_FONTS if f not in figures.available_fallback()]
    if missing:
        reason = f"fonts {missing} not installed (apt-get install fonts-dejavu-core fonts-symbola fonts-noto-core)"
        if os.environ.get("CI"):
            pytest.fail(reason + "; CI is set, so this is a failure")
        pytest.skip(reason)


def draw_all(case, tables):
    yield figures.plot_timeline(case.statements, case.links)
    ids = list(case.statements.loc[case.statements["corrective"] == "1", "statement_id"])
    yield figures.plot_strategy_profile(figures.strategy_profile(case.tags, ids, ["blame_shift", "minimization"]))
    yield figures.plot_strategy_heatmap(pd.DataFrame({"blame_shift": [1.0]}, index=["mali-2020"]))
    yield figures.plot_time_to_contradiction([86400, 86400])


def test_figures_mali_and_non_latin_text_have_no_missing_glyphs(mali_tables):
    require_fonts()
    case = mali_tables.case("mali-2020")
    stranger = case.statements.copy()
    stranger.loc[0, "speaker"] = "Ελληνική Δημοκρατία · Москва · مرحبا 😂🤣 Présidence"
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        axes = list(draw_all(case, mali_tables))
        with plt.rc_context(figures.report_style()):
            # the Mali posts themselves, emoji included, drawn as figure text
            axes[0].figure.text(0, 0, " ".join(case.statements["text"]))
            axes.append(figures.plot_timeline(stranger, case.links))
        for ax in axes:
            for fmt in ("png", "svg"):
                figures.figure_bytes(ax.figure, fmt)
            plt.close(ax.figure)
    missing = [str(w.message) for w in caught if "Glyph" in str(w.message) and "missing" in str(w.message)]
    assert missing == []


def test_figures_draw_on_given_axes_and_never_show(mali_tables, monkeypatch):
    monkeypatch.setattr(plt, "show", lambda *a, **k: pytest.fail("plt.show() called"))
    case = mali_tables.case("mali-2020")
    fig, (left, right) = plt.subplots(1, 2)
    assert figures.plot_timeline(case.statements, case.links, ax=left) is left
    assert figures.plot_time_to_contradiction([], ax=right) is right
    assert len(fig.axes) == 2
    plt.close(fig)


def test_figures_bytes_are_deterministic(mali_tables):
    case = mali_tables.case("mali-2020")
    first, second = (figures.plot_timeline(case.statements, case.links).figure for _ in range(2))
    for fmt in ("png", "svg"):
        assert figures.figure_bytes(first, fmt) == figures.figure_bytes(second, fmt)
    assert b"<dc:date>" not in figures.figure_bytes(first, "svg")
    plt.close(first), plt.close(second)
