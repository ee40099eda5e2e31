"""Case-study reports: self-contained HTML and Markdown per case, with figures, plus an overview.

``toolkit analyze PATH --report`` and ``toolkit report DIR`` call
:func:`write_reports`. The pieces are reusable on their own:
:func:`highlight_html` (a statement with its tagged spans, e.g. for a
Jupyter ``_repr_html_``), :func:`summarize_case` (the summary paragraph in
French or English) and the figure functions of :mod:`toolkit.report.figures`
(each takes ``ax=None`` and returns the axes).
"""

from __future__ import annotations

from .build import read_tables, write_reports
from .highlight import highlight_html
from .summary import summarize_case

__all__ = ["highlight_html", "read_tables", "summarize_case", "write_reports"]
