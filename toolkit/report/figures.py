"""Report figures: case timeline, strategy profile, strategy heatmap across cases, time to contradiction.

Every plotting function follows scikit-learn's habit
(``sklearn/metrics/_plot/confusion_matrix.py``): it takes ``ax=None``, makes a
figure only when no axes is given, returns the axes and never calls
``plt.show()``. Figures are sized for a paper column (3.4 in) or the full
text width (7 in) with 7–8 pt type, and encode every distinction by shape,
hatching or text as well as colour, so that they survive greyscale printing.

Fonts: :func:`_configure_fonts` sets an explicit fallback list (DejaVu Sans for
Latin, Greek, Cyrillic and Arabic letters; Noto Sans for other scripts;
Symbola for emoji), so French accents, emoji (the Mali posts contain 😂 🤣) and
non-Latin names draw without missing-glyph boxes. The fonts come from
Debian's ``fonts-dejavu-core``, ``fonts-noto-core`` and ``fonts-symbola``
(installed by ``.ci/run``). Matplotlib does no complex-script shaping
(Arabic letters are drawn unjoined).
"""

from __future__ import annotations

import functools
import io
from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path

import matplotlib.dates
import matplotlib.pyplot as plt
import matplotlib.ticker
import numpy as np
import pandas as pd
from matplotlib import font_manager
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from ..io import TIME

FONT_FALLBACK = ("DejaVu Sans", "Noto Sans", "Noto Sans Arabic", "Noto Sans Hebrew", "Noto Sans Devanagari", "Symbola")
"""Font families tried in order for each glyph (matplotlib ≥ 3.6 per-glyph fallback)."""

COLUMN_WIDTH = 3.4
TEXT_WIDTH = 7.0

# Okabe–Ito colour-blind-safe palette; each role also has its own marker shape (greyscale).
ROLE_STYLE = {
    "official": ("#D55E00", "o"),
    "insider": ("#0072B2", "D"),
    "authority": ("#009E73", "s"),
    "journalist": ("#CC79A7", "^"),
    "commentator": ("#E69F00", "v"),
    "public": ("#56B4E9", "P"),
}
DEFAULT_ROLE_STYLE = ("#999999", "o")
DATE_RANGE = tuple(matplotlib.dates.date2num(np.datetime64(day)) for day in ("0001-01-01", "9999-12-31"))

RC = {
    "font.size": 7.5,
    "axes.titlesize": 8,
    "axes.labelsize": 7.5,
    "xtick.labelsize": 7,
    "ytick.labelsize": 7,
    "legend.fontsize": 6.5,
    "svg.hashsalt": "toolkit-report",
    "svg.fonttype": "path",
    "figure.dpi": 100,
    "savefig.dpi": 200,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "text.parse_math": False,  # speakers and ids are data: "$x^2$" or a lone "$" is drawn as typed
}


@lru_cache(maxsize=1)
def available_fallback() -> tuple[str, ...]:
    """The families of :data:`FONT_FALLBACK` installed here (a stale font cache is refreshed once)."""
    names = {entry.name for entry in font_manager.fontManager.ttflist}
    missing = [family for family in FONT_FALLBACK if family not in names]
    if missing:
        stems = {family.replace(" ", "").lower(): family for family in missing}
        for path in font_manager.findSystemFonts():
            stem = Path(path).stem.lower()
            if any(stem == key or stem.startswith(key + "-") or stem.startswith(key + "_") for key in stems):
                font_manager.fontManager.addfont(path)
        names = {entry.name for entry in font_manager.fontManager.ttflist}
    return tuple(family for family in FONT_FALLBACK if family in names) or ("sans-serif",)


def report_style() -> dict:
    """The report's rcParams: paper-size type, deterministic SVG ids and the explicit font fallback list."""
    return {**RC, "font.family": list(available_fallback())}


def _configure_fonts() -> None:
    """Apply :func:`report_style` to matplotlib's global rcParams (for notebooks drawing on their own axes)."""
    plt.rcParams.update(report_style())


def _styled(function):
    """Run a plotting function inside the report style; it keeps the caller's style when given ``ax``.

    Either way its texts are literal (no mathtext): they come from the data.
    """

    @functools.wraps(function)
    def wrapper(*args, ax: Axes | None = None, **kwargs):
        if ax is not None:
            with plt.rc_context({"text.parse_math": False}):
                return function(*args, ax=ax, **kwargs)
        with plt.rc_context(report_style()):
            return function(*args, ax=None, **kwargs)

    return wrapper


def _axes(ax: Axes | None, size: tuple[float, float]) -> Axes:
    if ax is not None:
        return ax
    fig = plt.figure(figsize=size, layout="constrained")
    return fig.add_subplot()


def _times(statements: pd.DataFrame) -> tuple[np.ndarray, bool]:
    """Statement times as matplotlib date numbers, or file positions when any time is missing."""
    stamps = statements[TIME]
    if len(stamps) and stamps.notna().all():
        naive = stamps.dt.tz_convert("UTC").dt.tz_localize(None)
        return matplotlib.dates.date2num(naive.to_numpy()), True
    return np.arange(1, len(statements) + 1, dtype=float), False


@_styled
def plot_timeline(
    statements: pd.DataFrame, links: pd.DataFrame, ax: Axes | None = None, *, roles: Sequence[str] = ()
) -> Axes:
    """Statements of one case on a time axis, one row per speaker, coloured and shaped by role.

    Corrective statements are ringed; evidence that contradicts a claim is
    crossed (×), evidence that supports one gets a plus (+); deleted
    statements are drawn hollow with a dashed outline. Each point carries its
    ``statement_id``. Statements at the same time and speaker are spread apart.

    Args:
        statements: one case's rows of ``statements.csv``.
        links: the same case's rows of ``links.csv``.
        ax: axes to draw on; a new column-width-friendly figure when ``None``.
        roles: the codebook's speaker roles, in the legend's order (``Codebook.roles``; default: the
            roles with their own colour); a role without its own colour and marker is drawn grey.

    Returns:
        The axes drawn on.
    """
    speakers = list(dict.fromkeys(statements["speaker"]))
    ax = _axes(ax, (TEXT_WIDTH, 0.9 + 0.32 * max(len(speakers), 1)))
    x, timed = _times(statements)
    span = (x.max() - x.min()) if len(x) else 0.0
    step = (span or 1.0) * 0.06
    seen: dict[tuple[str, float], int] = {}
    contradicting = set(links.loc[links["relation"] == "contradicts", "evidence_statement_id"])
    supporting = set(links.loc[links["relation"] == "supports", "evidence_statement_id"])
    y_of = {speaker: len(speakers) - 1 - i for i, speaker in enumerate(speakers)}
    for xi, row in zip(x, statements.itertuples(index=False)):
        key = (row.speaker, xi)
        offset = seen.get(key, 0)
        seen[key] = offset + 1
        px, py = xi + offset * step, y_of[row.speaker]
        colour, marker = ROLE_STYLE.get(row.speaker_role, DEFAULT_ROLE_STYLE)
        deleted = bool(str(getattr(row, "deleted_at", "") or ""))
        ax.scatter(
            [px], [py], s=42, marker=marker, zorder=3,
            facecolors="white" if deleted else colour, edgecolors=colour if deleted else "black",
            linewidths=1.2 if deleted else 0.6, linestyles="--" if deleted else "-",
        )
        if str(row.corrective) == "1":
            ax.scatter([px], [py], s=150, marker="o", facecolors="none", edgecolors="black", linewidths=1.1, zorder=2)
        if row.statement_id in contradicting:
            ax.scatter([px], [py], s=70, marker="x", color="black", linewidths=1.3, zorder=4)
        elif row.statement_id in supporting:
            ax.scatter([px], [py], s=70, marker="+", color="black", linewidths=1.3, zorder=4)
        ax.annotate(str(row.statement_id), (px, py), xytext=(0, 6.5), textcoords="offset points", ha="center", va="bottom", fontsize=6.5)
    ax.set_yticks(range(len(speakers)), [speakers[len(speakers) - 1 - i] for i in range(len(speakers))])
    ax.set_ylim(-0.7, len(speakers) - 0.3)
    if len(x):
        low, high = x.min() - 2 * step, x.max() + step * (max(seen.values()) + 1)
        if timed:  # matplotlib dates end at years 1 and 9999; inputs may reach them
            low, high = max(low, DATE_RANGE[0]), min(high, DATE_RANGE[1])
        ax.set_xlim(low, high)
    if timed:
        locator = matplotlib.dates.AutoDateLocator(minticks=2, maxticks=6)
        ax.xaxis.set_major_locator(locator)
        ax.xaxis.set_major_formatter(matplotlib.dates.ConciseDateFormatter(locator))
        ax.set_xlabel("time (UTC)")
    else:
        ax.set_xlabel("position in file (no timestamps)")
    ax.grid(axis="x", color="0.85", linewidth=0.5)
    present = set(statements["speaker_role"])
    shown = [role for role in dict.fromkeys([*(roles or ROLE_STYLE), *sorted(present)]) if role in present]
    styles = {role: ROLE_STYLE.get(role, DEFAULT_ROLE_STYLE) for role in shown}
    handles = [Line2D([], [], marker=styles[r][1], color=styles[r][0], markeredgecolor="black", markeredgewidth=0.5, linestyle="", label=r) for r in shown]
    handles += [
        Line2D([], [], marker="o", markersize=9, markerfacecolor="none", markeredgecolor="black", linestyle="", label="corrective"),
        Line2D([], [], marker="x", color="black", linestyle="", label="contradicts"),
        Line2D([], [], marker="+", color="black", linestyle="", label="supports"),
        Line2D([], [], marker="o", markerfacecolor="white", markeredgecolor="0.3", linestyle="", label="deleted"),
    ]
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False, borderaxespad=0)
    return ax


def strategy_profile(tags: pd.DataFrame, statement_ids: Sequence[str], labels: Sequence[str]) -> pd.DataFrame:
    """Counted strategy evidence spans per corrective statement (rows: strategies, columns: statements)."""
    counted = tags[(tags["dimension"] == "strategy") & (tags["counted"].astype(str) == "1")]
    spans = counted.drop_duplicates(["statement_id", "label", "start_char", "end_char"])
    table = pd.crosstab(spans["label"], spans["statement_id"]) if len(spans) else pd.DataFrame()
    return table.reindex(index=list(labels), columns=list(statement_ids), fill_value=0).fillna(0).astype(int)


@_styled
def plot_strategy_profile(profile: pd.DataFrame, ax: Axes | None = None) -> Axes:
    """Horizontal bars: evidence spans per strategy for each corrective statement (hatched per statement).

    Args:
        profile: output of :func:`strategy_profile`.
        ax: axes to draw on; a new column-width figure when ``None``.
    """
    ax = _axes(ax, (COLUMN_WIDTH, 0.6 + 0.2 * max(len(profile.index), 1)))
    n = max(len(profile.columns), 1)
    height = 0.8 / n
    hatches = ["", "////", "....", "xxxx", "\\\\\\\\"]
    y = np.arange(len(profile.index))[::-1]
    for k, column in enumerate(profile.columns):
        ax.barh(y + (n - 1 - k) * height - 0.4 + height / 2, profile[column].to_numpy(), height=height * 0.9,
                color="0.35" if k % 2 == 0 else "0.7", hatch=hatches[k % len(hatches)], edgecolor="black",
                linewidth=0.4, label=str(column))
    ax.set_yticks(y, list(profile.index))
    ax.set_xlabel("evidence spans")
    ax.xaxis.set_major_locator(matplotlib.ticker.MaxNLocator(integer=True))
    if len(profile.columns) > 1:
        ax.legend(frameon=False, title="statement")
    elif len(profile.columns) == 1:
        ax.set_title(f"strategy profile of {profile.columns[0]}")
    return ax


@_styled
def plot_strategy_heatmap(frequencies: pd.DataFrame, ax: Axes | None = None) -> Axes:
    """Share of corrective statements using each strategy, cases × strategies, with the value in each cell.

    Args:
        frequencies: rows = cases, columns = strategies, values in [0, 1].
        ax: axes to draw on; a new text-width figure when ``None``.
    """
    ax = _axes(ax, (TEXT_WIDTH, 1.2 + 0.25 * max(len(frequencies.index), 1)))
    values = frequencies.to_numpy(dtype=float) if frequencies.size else np.zeros((0, 0))
    image = ax.imshow(values, cmap="Greys", vmin=0, vmax=1, aspect="auto")
    ax.set_xticks(range(len(frequencies.columns)), list(frequencies.columns), rotation=35, ha="right")
    ax.set_yticks(range(len(frequencies.index)), list(frequencies.index))
    for (i, j), value in np.ndenumerate(values):
        ax.text(j, i, f"{value:.0%}" if value else "·", ha="center", va="center", fontsize=6.5,
                color="white" if value > 0.5 else "black")
    ax.spines[:].set_visible(False)
    ax.figure.colorbar(image, ax=ax, fraction=0.03, pad=0.01, label="share of corrective statements")
    return ax


@_styled
def plot_time_to_contradiction(lags_seconds: Iterable[float], ax: Axes | None = None) -> Axes:
    """Distribution of time from a corrective statement to its first contradiction, in days (strip + box).

    Args:
        lags_seconds: one lag per case (or claim), in seconds.
        ax: axes to draw on; a new column-width figure when ``None``.
    """
    ax = _axes(ax, (COLUMN_WIDTH, 1.5))
    days = np.asarray([float(v) / 86400 for v in lags_seconds], dtype=float)
    if len(days):
        ax.boxplot(days, vert=False, widths=0.5, showfliers=False, medianprops={"color": "black"})
        jitter = np.linspace(-0.12, 0.12, len(days)) if len(days) > 1 else np.zeros(1)
        ax.scatter(days, 1 + jitter, s=16, marker="o", facecolors="white", edgecolors="black", zorder=3)
        ax.set_xlim(0, max(1.0, days.max() * 1.1))
    else:
        ax.text(0.5, 0.5, "no contradicted claim", transform=ax.transAxes, ha="center", va="center")
    ax.set_yticks([])
    ax.set_xlabel("days from corrective statement to first contradiction")
    return ax


def figure_bytes(fig: Figure, fmt: str) -> bytes:
    """Deterministic PNG or SVG bytes of a figure (no dates, fixed SVG id salt)."""
    metadata = {"Date": None} if fmt == "svg" else {"Software": None} if fmt == "png" else None
    buffer = io.BytesIO()
    with plt.rc_context(report_style()):
        fig.savefig(buffer, format=fmt, metadata=metadata, bbox_inches="tight", pad_inches=0.03)
    return buffer.getvalue()
