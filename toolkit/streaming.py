"""Analyse inputs of any size into an output directory, in bounded memory.

Statements are read, validated and tagged chunk by chunk, and
``statements.csv`` / ``tags.csv`` are appended as chunks finish. Linking
needs each case whole, and inputs need not be sorted by case, so every
chunk's linking material (a few columns per statement, and its claims) is
spilled to one of *k* bucket files chosen by a stable hash of ``case_id``:
a case split across chunks lands whole in one bucket. Buckets are then
linked one at a time (on the workers). Every result row carries the input
row it sorts by (its statement's, or its case's first), so results are filed
by ranges of input rows and each range is sorted and appended to
``claims.csv``, ``links.csv`` and ``cases.csv`` in turn: the same order as an
in-memory run. Peak memory grows with the chunk size and the largest case,
not with the number of statements. The whole input is validated first (a
cheap pass without tagging), so bad input is refused before anything is
written. Every output is written in a temporary directory inside the
target and moved into place only when the run is complete.
"""

from __future__ import annotations

import math
import pickle
import tempfile
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path

import pandas as pd

from .analysis import codebook_paths
from .claims import extract_claims
from .codebook import Codebook, load_codebook
from .inputs import ROW, duplicate_error, iter_statements, output_columns, validate
from .linking import link_claims
from .output_dir import TABLES as OUTPUTS
from .output_dir import check_output_dir, publish
from .outputs import csv_bytes
from .pipeline import available_languages
from .result import LabelCounts
from .runners import runner
from .tagging import ProgressCallback, attach

CHUNK_SIZE = 4_000
LINK_COLUMNS = ["case_id", "statement_id", "timestamp", "speaker_role", "deleted_at", "corrective", ROW]
RANGE = 20_000  # input rows whose linked results are sorted and written together
ORDER = ["_key", "_seq"]


class _Appender:
    """Appends CSV chunks to a file, the header once."""

    def __init__(self, path: Path):
        self.path = path
        self.handle = open(path, "wb")
        self.header = True

    def write(self, frame: pd.DataFrame) -> None:
        if self.header or len(frame):
            self.handle.write(csv_bytes(frame, header=self.header))
            self.header = False

    def close(self) -> None:
        self.handle.close()


class _Spill:
    """Per-bucket pickle files of linking material, appended chunk by chunk."""

    def __init__(self, directory: Path, buckets: int):
        self.directory = directory
        self.paths = [directory / f"bucket-{n:05d}.pkl" for n in range(buckets)]

    def bucket(self, case_id: str) -> int:
        """A stable bucket per case (CRC-32, not Python's salted ``hash``), so runs are reproducible."""
        return zlib.crc32(str(case_id).encode()) % len(self.paths)

    def buckets(self, frame: pd.DataFrame) -> pd.Series:
        """The bucket of each row's case."""
        return pd.Series([self.bucket(c) for c in frame["case_id"].tolist()], index=frame.index)

    def add(self, statements: pd.DataFrame, claims: pd.DataFrame) -> None:
        which, claim_bucket = self.buckets(statements), self.buckets(claims)
        for n in sorted(set(which)):
            with open(self.paths[n], "ab") as handle:
                pickle.dump((statements[which == n], claims[claim_bucket == n]), handle)

    def load(self, n: int) -> tuple[pd.DataFrame, pd.DataFrame] | None:
        parts = list(_pickled(self.paths[n]))
        if not parts:
            return None
        return pd.concat([p[0] for p in parts], ignore_index=True), pd.concat([p[1] for p in parts], ignore_index=True)


class _Ranges:
    """Linked results filed by input-row range (one file per table and range), then written range by range."""

    def __init__(self, directory: Path):
        self.directory = directory
        self.empty: dict[str, pd.DataFrame] = {}
        self.count = 0

    def path(self, table: str, number: int) -> Path:
        return self.directory / f"{table}-range-{number:05d}.pkl"

    def add(self, result: dict[str, pd.DataFrame]) -> None:
        for table, frame in result.items():
            self.empty.setdefault(table, frame.iloc[0:0])
            for number, piece in frame.groupby(frame["_key"] // RANGE, sort=True):
                self.count = max(self.count, int(number) + 1)
                with open(self.path(table, int(number)), "ab") as handle:
                    pickle.dump(piece, handle)

    def write(self, table: str, target: Path) -> None:
        """Each range's pieces, sorted by input row and bucket sequence, appended to ``target``."""
        out = _Appender(target)
        out.write(self.empty[table].drop(columns=ORDER))
        for number in range(self.count):
            pieces = list(_pickled(self.path(table, number)))
            if pieces:
                frame = pd.concat(pieces).sort_values(ORDER, kind="stable")
                out.write(frame.drop(columns=ORDER))
        out.close()


def _pickled(path: Path) -> Iterator:
    """The objects pickled one after another into ``path`` (none if it does not exist)."""
    if not path.exists():
        return
    with open(path, "rb") as handle:
        while True:
            try:
                yield pickle.load(handle)
            except EOFError:
                return


def link_bucket(statements: pd.DataFrame, claims: pd.DataFrame, book: Codebook, name: str) -> dict[str, pd.DataFrame]:
    """Link the cases of one bucket; results carry the keys that restore input order."""
    duplicated = statements.duplicated(["case_id", "statement_id"])
    if duplicated.any():
        row = statements[duplicated].iloc[0]
        raise duplicate_error(name, int(row[ROW]), row["statement_id"], row["case_id"])
    links, claims, cases = link_claims(statements, claims, book)
    rows = dict(zip(zip(statements["case_id"].tolist(), statements["statement_id"].tolist()), statements[ROW].tolist()))
    first = statements.groupby("case_id", sort=False)[ROW].min()
    claims = claims.assign(_key=[rows[k] for k in zip(claims["case_id"].tolist(), claims["statement_id"].tolist())])
    links = links.assign(_key=links["case_id"].map(first))
    cases = cases.assign(_key=cases["case_id"].map(first))
    return {table: frame.assign(_seq=range(len(frame))) for table, frame in (("claims", claims), ("links", links), ("cases", cases))}


def analyze_to_dir(
    source: str | Path | pd.DataFrame,
    directory: Path,
    *,
    codebook=None,
    case_id: str | None = None,
    n_process: int = 1,
    engine: str = "local",
    scheduler: str | None = None,
    chunk_size: int = CHUNK_SIZE,
    on_progress: ProgressCallback | None = None,
    finish: Callable[[Path, LabelCounts], None] | None = None,
) -> LabelCounts:
    """Write ``statements.csv``, ``tags.csv``, ``claims.csv``, ``links.csv`` and ``cases.csv`` to ``directory``.

    Args:
        source: statements as a path (``.csv``, ``.parquet``, ``.jsonl``) or a DataFrame.
        directory: where the five tables go (created if needed).
        codebook: user codebook directories extending the bundled one.
        case_id: ``case_id`` for inputs without one (default: the file stem).
        n_process: worker processes for the spaCy stage (local engine) or local Dask workers.
        engine: ``local`` or ``dask``.
        scheduler: address of an existing Dask scheduler (default: a local cluster).
        chunk_size: statements read and tagged at a time.
        on_progress: called with the number of statements just finished.
        finish: called with the finished run's directory (not yet in place) and the counts, to add
            files (provenance, reports) that are published with the tables.

    Raises:
        OutputError: ``directory`` is a file, not writable, holds other files, or would overwrite the input.
        InputError: bad input, found by the validation pass before anything is written.
    """
    paths = codebook_paths(codebook)
    book = load_codebook(paths)
    name = "<DataFrame>" if isinstance(source, pd.DataFrame) else str(source)
    directory = Path(directory)
    check_output_dir(directory, [] if isinstance(source, pd.DataFrame) else [source])
    languages, reserved = available_languages(paths), output_columns(book.columns)
    validated = validate(source, languages, case_id, chunk_size, reserved)
    summary = LabelCounts(columns=list(book.columns))
    created = not directory.exists()
    directory.mkdir(parents=True, exist_ok=True)
    try:
        with tempfile.TemporaryDirectory(dir=directory, prefix=".toolkit-") as tmp, runner(
            engine, paths, n_process, scheduler
        ) as run:
            stage = Path(tmp) / "run"
            stage.mkdir()
            chunks = iter_statements(source, languages, case_id, chunk_size, reserved, columns=validated.columns)
            buckets = max(1, min(4096, math.ceil(validated.rows / chunk_size)))
            _write_tables(run, chunks, book, name, _Spill(Path(tmp), buckets), stage, summary, on_progress)
            if finish:
                finish(stage, summary)
            publish(stage, directory)
    except BaseException:
        if created and not any(directory.iterdir()):
            directory.rmdir()  # a run that did not finish leaves no trace
        raise
    return summary


def _write_tables(run, chunks, book: Codebook, name: str, spill: _Spill, stage: Path, summary: LabelCounts, on_progress) -> None:
    """Tag chunk by chunk and spill linking material, then link bucket by bucket; the five tables go to ``stage``."""
    statements_out, tags_out = _Appender(stage / "statements.csv"), _Appender(stage / "tags.csv")
    for chunk, tagged in run.tag(chunks):
        statements, tags = attach(chunk, tagged)
        statements_out.write(statements)
        tags_out.write(tags)
        spill.add(statements[LINK_COLUMNS], extract_claims(statements, tags, book))
        summary.add(statements, tags)
        if on_progress:
            on_progress(len(chunk))
    statements_out.close()
    tags_out.close()
    jobs = ((*loaded, book, name) for n in range(len(spill.paths)) if (loaded := spill.load(n)) is not None)
    ranges = _Ranges(spill.directory)
    for result in run.map(link_bucket, jobs):
        ranges.add(result)
    for table in ("claims", "links", "cases"):
        ranges.write(table, stage / f"{table}.csv")
