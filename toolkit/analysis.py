"""``analyze()``: statements in; tags, claims, links to later evidence and case metrics out.

The one function notebooks and the command line share. Statements are
grouped by language; each language's pipeline is loaded once and fed in
batches through ``nlp.pipe``.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

import pandas as pd

from .claims import extract_claims
from .codebook import load_codebook
from .inputs import output_columns, read_statements
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
        source: statements as a ``.csv`` / ``.parquet`` / ``.jsonl`` path, a pandas DataFrame,
            or a Dask DataFrame (its partitions are tagged on the Dask workers: the current
            client's cluster, else a local one).
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
    languages = available_languages(paths)
    if _is_dask(source):
        statements, tags = _tag_on_dask(source, paths, languages, case_id, output_columns(book.columns))
    else:
        frame = read_statements(source, languages, case_default=case_id, reserved=output_columns(book.columns))
        statements, tags = attach(frame, tag_batch(frame, paths, on_progress))
    links, claims, cases = link_claims(statements, extract_claims(statements, tags, book), book)
    return Result(statements=statements, tags=tags, claims=claims, links=links, cases=cases, codebook=book)


def _is_dask(source: object) -> bool:
    return type(source).__module__.startswith("dask")


def _tag_on_dask(source, paths: tuple[str, ...], languages: list[str], case_id: str | None, reserved: tuple[str, ...]):
    """Validate partitions in order on the client, tag them on the Dask workers, join the results."""
    from .inputs import normalised, prepare
    from .runners import DaskRunner

    name, stem = "<Dask DataFrame>", case_id or "dataframe"

    def chunks():
        offset = 0
        for frame in normalised((partition.compute() for partition in source.to_delayed()), name):
            yield prepare(frame, name, languages, stem, offset, reserved=reserved)
            offset += len(frame)

    with DaskRunner(paths, n_process=os.cpu_count() or 1) as run:
        parts = [attach(chunk, tagged) for chunk, tagged in run.tag(chunks())]
    return (
        pd.concat([p[0] for p in parts], ignore_index=True),
        pd.concat([p[1] for p in parts], ignore_index=True),
    )
