"""A statement as safe HTML with its tagged spans highlighted (the evidence behind every label).

:func:`highlight_html` is public: reports use it for every statement, and a
Jupyter ``_repr_html_`` can use it as is. The statement text is untrusted
(it may hold ``<script>``, ``onerror=`` or ``javascript:`` strings): every
character of it is escaped, and the only markup in the result is the
toolkit's own (``<mark>``, ``<sup>``, ``<a href="#…">``, ``<ol>``).
"""

from __future__ import annotations

import re

import pandas as pd
from markupsafe import Markup, escape

DIMENSION_ORDER = ("blame_shift", "remediation", "audience", "strategy", "cause", "event", "responsibility")
"""Which dimension's colour a span shows when tags of several dimensions cover it."""


def _css_token(value: str) -> str:
    return re.sub(r"[^a-z0-9_-]", "-", str(value).lower())


def _rank(dimension: str) -> int:
    return DIMENSION_ORDER.index(dimension) if dimension in DIMENSION_ORDER else len(DIMENSION_ORDER)


def tag_description(tag: pd.Series | dict) -> str:
    """One line naming a tag: ``dimension: label [status] (negated) (reported by X) — rule``."""
    parts = [f"{tag['dimension']}: {tag['label']}"]
    if str(tag.get("status", "") or ""):
        parts.append(f"[{tag['status']}]")
    if str(tag.get("negated", "0")) == "1":
        parts.append("(negated)")
    if str(tag.get("reported_by", "") or ""):
        parts.append(f"(reported by {tag['reported_by']})")
    return " ".join(parts) + f" — rule {tag['rule']}"


def highlight_html(text: str, tags: pd.DataFrame, *, footnote_prefix: str = "t") -> Markup:
    """Render ``text`` with the spans of ``tags`` highlighted, one colour per dimension.

    Each highlighted stretch is a ``<mark class="tag dim-<dimension> …">`` whose
    ``title`` lists every tag covering it (label, status, rule: shown on
    hover); each tag also gets a numbered footnote after the statement.
    Negated spans carry the class ``negated`` (struck through) and a visible
    ``¬`` before them; reported spans carry ``reported``.

    Args:
        text: the statement, as analysed (tag offsets index into it).
        tags: rows of ``tags.csv`` for this statement (``dimension``, ``label``,
            ``status``, ``negated``, ``start_char``, ``end_char``, ``rule``,
            ``reported_by``); values may be strings as read back from CSV.
        footnote_prefix: makes footnote anchors unique when several statements share a page.

    Returns:
        Safe HTML: a ``<p class="statement-text">`` and, when there are tags, an ``<ol class="tag-notes">``.
    """
    rows = [dict(row) for _, row in tags.iterrows()] if len(tags) else []
    for number, row in enumerate(rows, start=1):
        row["_n"] = number
        row["_start"] = max(0, min(len(text), int(row["start_char"])))
        row["_end"] = max(row["_start"], min(len(text), int(row["end_char"])))
    bounds = sorted({0, len(text), *(r["_start"] for r in rows), *(r["_end"] for r in rows)})
    ends: dict[int, list[dict]] = {}
    for row in rows:
        ends.setdefault(row["_end"], []).append(row)
    starts_negated = {r["_start"] for r in rows if str(r.get("negated", "0")) == "1"}
    out: list[str] = []
    for left, right in zip(bounds, bounds[1:]):
        if left in starts_negated:
            out.append('<span class="neg-cue" title="negated">¬</span>')
        piece = escape(text[left:right])
        covering = sorted((r for r in rows if r["_start"] <= left and r["_end"] >= right and r["_end"] > r["_start"]),
                          key=lambda r: (_rank(str(r["dimension"])), r["_n"]))
        if covering:
            dims = list(dict.fromkeys(_css_token(r["dimension"]) for r in covering))
            classes = ["tag", f"dim-{dims[0]}", *(f"also-{d}" for d in dims[1:])]
            if any(str(r.get("negated", "0")) == "1" for r in covering):
                classes.append("negated")
            if any(str(r.get("reported_by", "") or "") for r in covering):
                classes.append("reported")
            title = "\n".join(f"[{r['_n']}] {tag_description(r)}" for r in covering)
            out.append(f'<mark class="{" ".join(classes)}" title="{escape(title)}">{piece}</mark>')
        else:
            out.append(str(piece))
        for row in ends.get(right, []):
            anchor = escape(f"{footnote_prefix}-{row['_n']}")
            out.append(f'<sup class="tag-ref"><a href="#{anchor}">{row["_n"]}</a></sup>')
    html = '<p class="statement-text">' + "".join(out) + "</p>"
    if rows:
        notes = []
        for row in rows:
            anchor = escape(f"{footnote_prefix}-{row['_n']}")
            span = escape(text[row["_start"]:row["_end"]])
            notes.append(
                f'<li id="{anchor}" class="dim-{_css_token(row["dimension"])}">'
                f'<span class="swatch"></span> {escape(tag_description(row))} · «&#8239;{span}&#8239;» '
                f'[{row["_start"]}:{row["_end"]}]</li>'
            )
        html += '<ol class="tag-notes">' + "".join(notes) + "</ol>"
    return Markup(html)
