"""The one Markdown table writer (evaluation tables, the codebook table): pipes in cells escaped, floats rounded."""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence


def markdown_table(header: Sequence[object], rows: Iterable[Sequence[object]], digits: int = 2) -> str:
    """A GitHub-flavoured Markdown table; a float cell shows ``digits`` decimals (``–`` when NaN)."""

    def cell(value: object) -> str:
        if isinstance(value, float):
            return "–" if math.isnan(value) else f"{value:.{digits}f}"
        return str(value).replace("|", "\\|")

    lines = ["| " + " | ".join(map(str, header)) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(cell(v) for v in row) + " |" for row in rows]
    return "\n".join(lines)
