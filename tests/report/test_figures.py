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
    ids = list(case.statements.loc[case.statements["corrective"] == 1, "statement_id"])
    assert ids  # read back typed: corrective is an integer
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


def luminance(colour) -> float:
    """Relative luminance (WCAG) of a matplotlib colour: what is left of it on a greyscale print."""
    from matplotlib.colors import to_rgb

    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in to_rgb(colour)]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def test_figures_fit_a_paper_column_or_text_width_with_readable_type(mali_tables):
    from PIL import Image
    import io

    case = mali_tables.case("mali-2020")
    widths = [figures.TEXT_WIDTH, figures.COLUMN_WIDTH, figures.TEXT_WIDTH, figures.COLUMN_WIDTH]
    for ax, width in zip(draw_all(case, mali_tables), widths):
        fig = ax.figure
        png = Image.open(io.BytesIO(figures.figure_bytes(fig, "png")))
        assert png.width / figures.RC["savefig.dpi"] <= width + 0.1  # saved size, legend and labels included
        sizes = [t.get_fontsize() for t in fig.findobj(plt.Text) if t.get_visible() and t.get_text().strip()]
        assert sizes and min(sizes) >= 6  # 6 pt is the smallest type journals accept in figures
        plt.close(fig)


def test_timeline_roles_and_evidence_stay_distinct_in_greyscale(mali_tables):
    markers = [marker for _, marker in figures.ROLE_STYLE.values()]
    assert len(set(markers)) == len(markers)  # role is carried by shape, not only hue
    assert all(luminance(colour) < 0.75 for colour, _ in figures.ROLE_STYLE.values())  # no role fades into white paper
    case = mali_tables.case("mali-2020")
    ax = figures.plot_timeline(case.statements, case.links)
    handles = ax.get_legend().legend_handles
    seen = {(h.get_marker(), round(luminance(h.get_markerfacecolor()), 1)) for h in handles}
    assert len(seen) == len(handles) >= 6  # Mali: 3 roles + corrective, contradicts, supports, deleted
    plt.close(ax.figure)


def test_strategy_profile_series_differ_by_grey_and_hatch():
    profile = pd.DataFrame({"s1": [1, 0], "s2": [2, 1], "s3": [0, 1]}, index=["denial", "apology"])
    ax = figures.plot_strategy_profile(profile)
    styles = []
    for container in ax.containers:
        bar = container.patches[0]
        r, g, b, _ = bar.get_facecolor()
        assert r == g == b  # neutral grey: prints the same in colour and greyscale
        styles.append((round(r, 2), bar.get_hatch()))
    assert len(set(styles)) == len(profile.columns) == 3
    plt.close(ax.figure)


def test_strategy_heatmap_is_monotone_grey_and_writes_each_value():
    frequencies = pd.DataFrame({"denial": [0.25, 1.0], "apology": [0.0, 0.5]}, index=["a", "b"])
    ax = figures.plot_strategy_heatmap(frequencies)
    cmap = ax.images[0].get_cmap()
    greys = [luminance(cmap(v)) for v in (0.0, 0.25, 0.5, 0.75, 1.0)]
    assert greys == sorted(greys, reverse=True)  # darker always means more
    assert {t.get_text() for t in ax.texts} >= {"25%", "100%", "50%", "·"}
    plt.close(ax.figure)


def test_figures_timeline_legend_follows_the_codebooks_roles(mali_tables):
    case = mali_tables.case("mali-2020")
    present = set(case.statements["speaker_role"])
    default = [t.get_text() for t in figures.plot_timeline(case.statements, case.links).get_legend().get_texts()]
    roles = list(reversed(mali_tables.codebook.roles))
    ordered = [t.get_text() for t in figures.plot_timeline(case.statements, case.links, roles=roles).get_legend().get_texts()]
    plt.close("all")
    assert default[: len(present)] == [r for r in figures.ROLE_STYLE if r in present]
    assert ordered[: len(present)] == [r for r in roles if r in present] and len(present) > 1
