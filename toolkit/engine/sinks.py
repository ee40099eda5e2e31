"""Where the engine's analysed chunks go: kept in memory for a :class:`Result`, or written to a directory.

A sink takes each chunk's statements, tags and claims (:meth:`add`), then
links the cases and finishes (:meth:`finish`, given the runner so linking runs
on the workers too). :class:`MemorySink` joins everything and links it at
once. :class:`DirectorySink` works in bounded memory: ``statements.csv`` and
``tags.csv`` are appended as chunks finish; linking needs each case whole,
and inputs need not be sorted by case, so every chunk's linking material (a
few columns per statement, and its claims) is spilled to one of *k* bucket
files chosen by a stable hash of ``case_id``: a case split across chunks lands
whole in one bucket. Buckets are then linked one at a time. Every result row
carries the input row it sorts by (its statement's, or its case's first), so
results are filed by ranges of input rows and each range is sorted and
appended to ``claims.csv``, ``links.csv`` and ``cases.csv`` in turn: the same
order as an in-memory run. Peak memory grows with the chunk size and the
largest case, not with the number of statements. With a pair model the
linking material also holds each statement's speaker, language and text
(the model encodes a case's sentences when it links it): still one case
bucket at a time.
"""

from __future__ import annotations

import math
import pickle
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Protocol

import pandas as pd

from ..codebook import Codebook, load_codebook
from ..evidence import link_claims
from ..io.statements import ROW, TIME, duplicate_error
from ..io.tables import csv_bytes
from .result import LabelCounts, Result

SPILLED_COLUMNS = ["case_id", "statement_id", TIME, "speaker_role", "deleted_at", "corrective", ROW]  # what linking needs of each statement, spilled per case bucket
TEXT_COLUMNS = ["speaker", "language", "text"]  # what the pair model also reads
RANGE = 20_000  # input rows whose linked results are sorted and written together
ORDER = ["_key", "_seq"]


class Sink(Protocol):
    """What the engine's loop feeds: each analysed chunk, then the end of the input."""

    def add(self, statements: pd.DataFrame, tags: pd.DataFrame, claims: pd.DataFrame) -> None:
        """One chunk's statements (with their codes), tags and claims, in input order."""

    def finish(self, runner) -> object:
        """Link the cases (on ``runner``'s workers) and return what the caller gets."""


class MemorySink:
    """Keeps every table in memory and links all cases at the end: :meth:`finish` returns a :class:`Result`.

    ``tags=False`` keeps no tags (an evaluation needs the statements' codes and the links only).
    """

    def __init__(self, book: Codebook, tags: bool = True):
        self.book = book
        self.keep_tags = tags
        self.parts: dict[str, list[pd.DataFrame]] = {"statements": [], "tags": [], "claims": []}

    def add(self, statements: pd.DataFrame, tags: pd.DataFrame, claims: pd.DataFrame) -> None:
        self.parts["statements"].append(statements)
        self.parts["tags"].append(tags if self.keep_tags else tags.iloc[0:0])
        self.parts["claims"].append(claims)

    def finish(self, runner) -> Result:
        statements, tags, claims = (pd.concat(self.parts[t], ignore_index=True) for t in ("statements", "tags", "claims"))
        links, claims, cases = link_claims(statements, claims, self.book, runner.model)
        return Result(statements=statements, tags=tags, claims=claims, links=links, cases=cases, codebook=self.book)


class DirectorySink:
    """Writes the five tables to ``stage`` in bounded memory: :meth:`finish` returns the label counts."""

    def __init__(self, book: Codebook, stage: Path, spill: Path, rows: int, chunk_size: int, name: str, texts: bool = False):
        self.book, self.stage, self.name = book, stage, name
        self.columns = SPILLED_COLUMNS + (TEXT_COLUMNS if texts else [])
        self.statements, self.tags = _Appender(stage / "statements.csv"), _Appender(stage / "tags.csv")
        self.spill = _Spill(spill, max(1, min(4096, math.ceil(rows / chunk_size))))
        self.summary = LabelCounts(columns=list(book.columns))

    def add(self, statements: pd.DataFrame, tags: pd.DataFrame, claims: pd.DataFrame) -> None:
        self.statements.write(statements)
        self.tags.write(tags)
        self.spill.add(statements[self.columns], claims)
        self.summary.add(statements, tags)

    def finish(self, runner) -> LabelCounts:
        """Link bucket by bucket on the runner's workers; results filed by input-row range, then written."""
        self.statements.close()
        self.tags.close()
        spill, paths = self.spill, self.book.paths
        jobs = ((*loaded, paths, self.name, runner.model) for n in range(len(spill.paths)) if (loaded := spill.load(n)) is not None)
        ranges = _Ranges(spill.directory)
        for result in runner.map(_link_bucket, jobs):
            ranges.add(result)
        for table in ("claims", "links", "cases"):
            ranges.write(table, self.stage / f"{table}.csv")
        return self.summary


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


def _link_bucket(
    statements: pd.DataFrame, claims: pd.DataFrame, codebook: tuple[str, ...], name: str, model: str | None = None
) -> dict[str, pd.DataFrame]:
    """Link the cases of one bucket (on a worker: the codebook travels as its paths); results carry the keys that restore input order."""
    duplicated = statements.duplicated(["case_id", "statement_id"])
    if duplicated.any():
        row = statements[duplicated].iloc[0]
        raise duplicate_error(name, int(row[ROW]), row["statement_id"], row["case_id"])
    links, claims, cases = link_claims(statements, claims, load_codebook(codebook), model)
    rows = dict(zip(zip(statements["case_id"].tolist(), statements["statement_id"].tolist()), statements[ROW].tolist()))
    first = statements.groupby("case_id", sort=False)[ROW].min()
    claims = claims.assign(_key=[rows[k] for k in zip(claims["case_id"].tolist(), claims["statement_id"].tolist())])
    links = links.assign(_key=links["case_id"].map(first))
    cases = cases.assign(_key=cases["case_id"].map(first))
    return {table: frame.assign(_seq=range(len(frame))) for table, frame in (("claims", claims), ("links", links), ("cases", cases))}
