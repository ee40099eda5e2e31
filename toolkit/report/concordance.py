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

from ..codebook import Codebook, CodebookDirs, load_codebook
from ..errors import Errors, InputError, where
from ..engine import Result, stream
from ..nlp.extensions import words_first

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
    source: Result | str | Path | pd.DataFrame,
    label: str,
    *,
    window: int = DEFAULT_WINDOW,
    counted_only: bool = False,
    codebook: CodebookDirs = None,
) -> pd.DataFrame:
    """Every span tagged with ``label`` in its context, one row per tag, in input order.

    Args:
        source: an analysis result (``toolkit.analyze(...)``), or statements to analyse: they
            stream through the engine chunk by chunk, keeping only the rows asked for.
        label: ``DIMENSION:LABEL`` (``blame_shift:external_attacker``), or ``DIMENSION`` for all its labels.
        window: words of context on each side (quanteda's default is 5).
        counted_only: keep only tags that set the statement's label (own voice, not negated).
        codebook: user codebook directories, when ``source`` is to be analysed.

    Returns:
        A DataFrame with columns ``case_id, statement_id, dimension, label, start_char, end_char,
        pre, keyword, post, rule, negated, reported_by, counted``.

    Raises:
        InputError: an unknown dimension or label, or a window below 0.
    """
    if window < 0:
        raise InputError(Errors.E071.format(where=where("--window"), value=window, minimum=0))
    book = source.codebook if isinstance(source, Result) else load_codebook(codebook)
    sink = KwicSink(*parse_label(label, book), window=window, counted_only=counted_only)
    if isinstance(source, Result):
        sink.add(source.statements, source.tags, source.claims)
        return sink.finish(None)
    return stream(source, sink, codebook=book)


class KwicSink:
    """Keeps, chunk by chunk, only the KWIC rows of one dimension (and label): no tags, no linking."""

    def __init__(self, dimension: str, label: str | None, *, window: int, counted_only: bool):
        self.dimension, self.label, self.window, self.counted_only = dimension, label, window, counted_only
        self.rows: list[tuple] = []

    def add(self, statements: pd.DataFrame, tags: pd.DataFrame, claims: pd.DataFrame) -> None:
        tags = words_first(tags[tags["dimension"] == self.dimension])
        if self.label is not None:
            tags = tags[tags["label"] == self.label]
        if self.counted_only:
            tags = tags[tags["counted"].astype(str) == "1"]
        texts = statements.set_index(["case_id", "statement_id"])["text"]
        for tag in tags.itertuples(index=False):
            text = texts.loc[(tag.case_id, tag.statement_id)]
            pre, keyword, post = context(text, int(tag.start_char), int(tag.end_char), self.window)
            self.rows.append(
                (tag.case_id, tag.statement_id, tag.dimension, tag.label, int(tag.start_char), int(tag.end_char),
                 pre, keyword, post, tag.rule, int(tag.negated), tag.reported_by, int(tag.counted))
            )

    def finish(self, runner) -> pd.DataFrame:
        return pd.DataFrame(self.rows, columns=list(KWIC_COLUMNS))
