"""Reading results: case-study reports (HTML, Markdown, PDF), figures, the notebook display and KWIC.

``toolkit analyze PATH --report`` and ``toolkit report DIR`` call
:func:`write_reports`. The pieces are reusable on their own:
:func:`highlight_html` (a statement with its tagged spans, e.g. for a
Jupyter ``_repr_html_``), :func:`summarize_case` (the summary paragraph in
French or English) and the figure functions of :mod:`toolkit.report.figures`
(each takes ``ax=None`` and returns the axes).
"""

from __future__ import annotations

import importlib

# Imported on first use (PEP 562): the figures need matplotlib, which
# `toolkit analyze` without --report should not pay for at start-up.
_EXPORTS = {
    "highlight_html": ".highlight",
    "kwic": ".concordance",
    "summarize_case": ".summary",
    "write_reports": ".build",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str):
    if name in _EXPORTS:
        return getattr(importlib.import_module(_EXPORTS[name], __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
