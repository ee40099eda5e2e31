"""Keyword in context: every tagged span of a label in its context window, as quanteda's ``kwic()``.

Each row is one tag (``tags.csv``) of the requested dimension and label: the
span's words as ``keyword``, up to ``window`` words before it as ``pre`` and
after it as ``post`` (words are whitespace-separated, as printed), with the
tag's evidence (rule, negated, reported_by, counted) so a reader can see why
the label was, or was not, counted.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from .codebook import Codebook
from .errors import Errors, InputError, where
from .result import Result

DEFAULT_WINDOW = 5
KWIC_COLUMNS = (
    "case_id", "statement_id", "dimension", "label", "start_char", "end_char", "pre", "keyword", "post",
    "rule", "negated", "reported_by", "counted",
)
_WORD = re.compile(r"\S+")


def parse_label(spec: str, book: Codebook) -> tuple[str, str | None]:
    """``"blame_shift:external_attacker"`` -> (dimension, label); ``"blame_shift"`` -> (dimension, None).

    The dimension may be named as in ``dimensions.yaml`` (``strategy``) or by its
    statements.csv column (``strategies``).

    Raises:
        InputError: an unknown dimension or label.
    """
    dimension, _, label = spec.partition(":")
    dimension = book.columns.get(dimension, dimension)
    allowed = ", ".join(f"{name}:{lab}" for name, dim in book.dimensions.items() for lab in list(dim.labels)[:1]) + ", …"
    if dimension not in book.dimensions or (label and label != "*" and label not in book.dimensions[dimension].labels):
        raise InputError(Errors.E070.format(where="--label", value=spec, allowed=allowed))
    return dimension, (label if label and label != "*" else None)


def context(text: str, start: int, end: int, window: int) -> tuple[str, str, str]:
    """``(pre, keyword, post)``: up to ``window`` words either side of ``text[start:end]``."""
    pre_words = _WORD.findall(text[:start])
    post_words = _WORD.findall(text[end:])
    return " ".join(pre_words[-window:]) if window else "", " ".join(text[start:end].split()), " ".join(post_words[:window])


def kwic(
    result: Result,
    label: str,
    *,
    window: int = DEFAULT_WINDOW,
    counted_only: bool = False,
) -> pd.DataFrame:
    """Every span tagged with ``label`` in its context, one row per tag, in input order.

    Args:
        result: an analysis result (``toolkit.analyze(...)``).
        label: ``DIMENSION:LABEL`` (``blame_shift:external_attacker``), or ``DIMENSION`` for all its labels.
        window: words of context on each side (quanteda's default is 5).
        counted_only: keep only tags that set the statement's label (own voice, not negated).

    Returns:
        A DataFrame with columns ``case_id, statement_id, dimension, label, start_char, end_char,
        pre, keyword, post, rule, negated, reported_by, counted``.

    Raises:
        InputError: an unknown dimension or label, or a window below 0.
    """
    if window < 0:
        raise InputError(Errors.E071.format(where=where("--window"), value=window, minimum=0))
    dimension, wanted = parse_label(label, result.codebook)
    tags = result.tags[result.tags["dimension"] == dimension]
    if wanted is not None:
        tags = tags[tags["label"] == wanted]
    if counted_only:
        tags = tags[tags["counted"].astype(str) == "1"]
    texts = result.statements.set_index(["case_id", "statement_id"])["text"]
    rows = []
    for tag in tags.itertuples(index=False):
        text = texts.loc[(tag.case_id, tag.statement_id)]
        pre, keyword, post = context(text, int(tag.start_char), int(tag.end_char), window)
        rows.append(
            (tag.case_id, tag.statement_id, tag.dimension, tag.label, int(tag.start_char), int(tag.end_char),
             pre, keyword, post, tag.rule, int(tag.negated), tag.reported_by, int(tag.counted))
        )
    return pd.DataFrame(rows, columns=list(KWIC_COLUMNS))


def kwic_path(source: str | Path | pd.DataFrame, label: str, *, codebook=None, **options) -> pd.DataFrame:
    """Analyse ``source`` and return :func:`kwic` of it."""
    from .analysis import analyze

    return kwic(analyze(source, codebook=codebook), label, **options)
