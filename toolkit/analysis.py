"""``analyze()``: statements in; tags, claims, links to later evidence and case metrics out.

The one function notebooks and the command line share. Statements are
grouped by language; each language's pipeline is loaded once and fed in
batches through ``nlp.pipe``.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import pandas as pd

from .claims import extract_claims
from .codebook import load_codebook
from .inputs import read_statements
from .linking import link_claims
from .pipeline import available_languages
from .result import Result
from .tagging import ProgressCallback, attach, tag_batch


def codebook_paths(codebook: str | Path | Iterable[str | Path] | None) -> tuple[str, ...]:
    """Normalise the ``codebook`` argument to a hashable tuple of directory paths."""
    if codebook is None:
        return ()
    if isinstance(codebook, (str, Path)):
        return (str(Path(codebook).resolve()),)
    return tuple(str(Path(p).resolve()) for p in codebook)


def analyze(
    source: str | Path | pd.DataFrame,
    *,
    codebook: str | Path | Iterable[str | Path] | None = None,
    case_id: str | None = None,
    on_progress: ProgressCallback | None = None,
) -> Result:
    """Tag every statement per the codebook (CODEBOOK §1–§5).

    Args:
        source: statements as a ``.csv`` / ``.parquet`` / ``.jsonl`` path or a DataFrame.
        codebook: user codebook directories extending the bundled one.
        case_id: ``case_id`` for inputs without one (default: the file stem).
        on_progress: called with the number of statements just finished.

    Returns:
        A :class:`~toolkit.result.Result` with ``.statements``, ``.tags``, ``.claims``,
        ``.links`` and ``.cases``.

    Raises:
        InputError: bad input, with file, row and column.
        CodebookError: a malformed codebook file, with file and line.
    """
    paths = codebook_paths(codebook)
    book = load_codebook(paths)
    frame = read_statements(source, available_languages(paths), case_default=case_id)
    statements, tags = attach(frame, tag_batch(frame, paths, on_progress))
    links, claims, cases = link_claims(statements, extract_claims(statements, tags, book), book)
    return Result(statements=statements, tags=tags, claims=claims, links=links, cases=cases, codebook=book)
