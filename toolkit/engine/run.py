"""The one loop of every analysis: chunks of validated statements → a runner tags them → a sink keeps them.

:func:`analyze` (notebooks) and :func:`analyze_to_dir` (``toolkit analyze``)
are this loop with two sinks: the in-memory one returns a :class:`Result`,
the directory one spills and writes the five tables. ``kwic`` and
``evaluate`` stream through it with sinks of their own. Statements come as
chunks of a file (CSV and JSON Lines record by record, Parquet by row
batches), of a DataFrame, or from the partitions of a Dask DataFrame.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pandas as pd

from ..codebook import Codebook, CodebookDirs, load_codebook
from ..evidence import extract_claims
from ..io.output_dir import check_output_dir, publish
from ..io.statements import iter_statements, normalised, output_columns, prepare, validate
from ..nlp import ProgressCallback, attach, available_languages
from ..nlp.learned.pair_model import has_pair_model
from ..nlp.pipeline import resolve_model
from .result import LabelCounts, Result
from .runners import Runner, runner
from .sinks import DirectorySink, MemorySink, Sink

CHUNK_SIZE = 4_000


def analyze(
    source: str | Path | pd.DataFrame,
    *,
    codebook: CodebookDirs = None,
    case_id: str | None = None,
    on_progress: ProgressCallback | None = None,
    rules_only: bool = False,
    model: str | Path | None = None,
) -> Result:
    """Tag every statement per the codebook (CODEBOOK §1–§5), extract claims and link them to later evidence.

    Args:
        source: statements as a ``.csv`` / ``.parquet`` / ``.jsonl`` path, a pandas DataFrame,
            or a Dask DataFrame (its partitions are tagged on the Dask workers: the current
            client's cluster, else a local one).
        codebook: user codebook directories extending the bundled one.
        case_id: ``case_id`` for inputs without one (default: the file stem).
        on_progress: called with the number of statements just finished.
        rules_only: let the rule coder decide the labels (no learned layer; faster on the largest corpora).
        model: a learned model directory (``toolkit train``) instead of the bundled one.

    Returns:
        A :class:`~toolkit.engine.Result` with ``.statements``, ``.tags``, ``.claims``,
        ``.links`` and ``.cases``.

    Raises:
        InputError: bad input, with file, row and column.
        CodebookError: a malformed codebook file, with file and line.
    """
    book = load_codebook(codebook)
    return stream(
        source, MemorySink(book), codebook=book, case_id=case_id, chunk_size=None, on_progress=on_progress,
        model=resolve_model(book, rules_only, model),
    )


def stream(
    source: str | Path | pd.DataFrame,
    sink: Sink,
    *,
    codebook: Codebook | CodebookDirs = None,
    case_id: str | None = None,
    chunk_size: int | None = CHUNK_SIZE,
    work: Runner | None = None,
    on_progress: ProgressCallback | None = None,
    columns: list[str] | None = None,
    model: str | None = None,
):
    """Feed ``sink`` chunk by chunk and return what its ``finish`` returns.

    Args:
        source: a path, a DataFrame or a Dask DataFrame (one chunk per partition, tagged on Dask).
        sink: a :class:`~toolkit.engine.sinks.Sink` (in memory, a directory, KWIC rows …).
        chunk_size: statements per chunk; ``None`` reads the input as one chunk.
        work: the runner (default: this process; the Dask cluster for a Dask DataFrame).
        columns: every input column, from the validation pass, so chunks share them.
        model: the learned model directory for the default runner (``None``: the rules alone).
    """
    book = load_codebook(codebook)
    if chunk_size is not None and columns is None and not _is_dask(source):
        languages, reserved = available_languages(book), output_columns(book.columns)
        columns = validate(source, languages, case_id, chunk_size, reserved).columns  # refused before any tagging
    if work is None:
        work = runner("dask", book.paths, None, model=model) if _is_dask(source) else Runner(book.paths, model)
    with work:
        for chunk, tagged in work.tag(_chunks(source, book, case_id, chunk_size, columns)):
            statements, tags = attach(chunk, tagged)
            sink.add(statements, tags, extract_claims(statements, tags, book))
            if on_progress:
                on_progress(len(chunk))
        return sink.finish(work)


def analyze_to_dir(
    source: str | Path | pd.DataFrame,
    directory: Path,
    *,
    codebook: CodebookDirs = None,
    case_id: str | None = None,
    n_process: int | None = 1,
    engine: str = "local",
    scheduler: str | None = None,
    chunk_size: int = CHUNK_SIZE,
    on_start: Callable[[int], None] | None = None,
    on_progress: ProgressCallback | None = None,
    finish: Callable[[Path, LabelCounts], None] | None = None,
    rules_only: bool = False,
    model: str | Path | None = None,
) -> LabelCounts:
    """Write ``statements.csv``, ``tags.csv``, ``claims.csv``, ``links.csv`` and ``cases.csv`` to ``directory``.

    The whole input is validated first (a cheap pass without tagging), so bad
    input is refused before anything is written; the run is built in a
    temporary directory inside ``directory`` and moved into place when complete.

    Args:
        source: statements as a path (``.csv``, ``.parquet``, ``.jsonl``) or a DataFrame.
        directory: where the five tables go (created if needed).
        codebook: user codebook directories extending the bundled one.
        case_id: ``case_id`` for inputs without one (default: the file stem).
        n_process: worker processes for the spaCy stage (local engine) or local Dask workers;
            ``None``: every core (local engine: at most one per 500 statements).
        engine: ``local`` or ``dask``.
        scheduler: address of an existing Dask scheduler (default: a local cluster).
        chunk_size: statements read and tagged at a time.
        on_start: called with the number of statements once the input is validated.
        on_progress: called with the number of statements just finished.
        finish: called with the finished run's directory (not yet in place) and the counts, to add
            files (provenance, reports) that are published with the tables.
        rules_only, model: as for :func:`analyze`.

    Raises:
        OutputError: ``directory`` is a file, not writable, holds other files, or would overwrite the input.
        InputError: bad input, found by the validation pass before anything is written.
    """
    book = load_codebook(codebook)
    learned = resolve_model(book, rules_only, model)
    name = "<DataFrame>" if isinstance(source, pd.DataFrame) else str(source)
    directory = Path(directory)
    check_output_dir(directory, [] if isinstance(source, pd.DataFrame) else [source])
    languages, reserved = available_languages(book), output_columns(book.columns)
    validated = validate(source, languages, case_id, chunk_size, reserved)
    if on_start:
        on_start(validated.rows)
    created = not directory.exists()
    directory.mkdir(parents=True, exist_ok=True)
    try:
        with tempfile.TemporaryDirectory(dir=directory, prefix=".toolkit-") as tmp:
            stage = Path(tmp) / "run"
            stage.mkdir()
            sink = DirectorySink(book, stage, Path(tmp), validated.rows, chunk_size, name, texts=has_pair_model(learned))
            work = runner(engine, book.paths, n_process, scheduler, statements=validated.rows, model=learned)
            summary = stream(
                source, sink, codebook=book, case_id=case_id, chunk_size=chunk_size, work=work,
                on_progress=on_progress, columns=validated.columns,
            )
            if finish:
                finish(stage, summary)
            publish(stage, directory)
    except BaseException:
        if created and not any(directory.iterdir()):
            directory.rmdir()  # a run that did not finish leaves no trace
        raise
    return summary


def _is_dask(source: object) -> bool:
    return type(source).__module__.startswith("dask")


def _chunks(source, book: Codebook, case_id: str | None, chunk_size: int | None, columns: list[str] | None) -> Iterator[pd.DataFrame]:
    """Validated chunks of statements: of a file or DataFrame, or the partitions of a Dask DataFrame in order."""
    languages, reserved = available_languages(book), output_columns(book.columns)
    if not _is_dask(source):
        yield from iter_statements(source, languages, case_id, chunk_size, reserved, columns=columns)
        return
    name, stem, offset = "<Dask DataFrame>", case_id or "dataframe", 0
    for frame in normalised((partition.compute() for partition in source.to_delayed()), name):
        yield prepare(frame, name, languages, stem, offset, reserved=reserved)
        offset += len(frame)
