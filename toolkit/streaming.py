"""Analyse inputs of any size into an output directory, in bounded memory.

Statements are read, validated and tagged chunk by chunk, and
``statements.csv`` / ``tags.csv`` are appended as chunks finish. Linking
needs each case whole, and inputs need not be sorted by case, so every
chunk's linking material (a few columns per statement, and its claims) is
spilled to one of *k* bucket files chosen by a stable hash of ``case_id``:
a case split across chunks lands whole in one bucket. Buckets are then
linked one at a time (on the workers), and their sorted results merged into
``claims.csv``, ``links.csv`` and ``cases.csv`` in the same order as an
in-memory run. Peak memory grows with the chunk size and the largest case,
not with the number of statements. Every output is written in a temporary
directory beside the target and moved into place only when complete.
"""

from __future__ import annotations

import heapq
import math
import os
import pickle
import tempfile
import zlib
from collections.abc import Iterator
from pathlib import Path

import pandas as pd

from .analysis import codebook_paths
from .claims import extract_claims
from .codebook import Codebook, load_codebook
from .inputs import ROW, count_statements, duplicate_error, iter_statements
from .linking import link_claims
from .outputs import csv_bytes
from .pipeline import available_languages
from .result import LabelCounts
from .runners import runner
from .tagging import ProgressCallback, attach

CHUNK_SIZE = 4_000
LINK_COLUMNS = ["case_id", "statement_id", "timestamp", "speaker_role", "deleted_at", "corrective", ROW]
OUTPUTS = ("statements", "tags", "claims", "links", "cases")
SLICE = 20_000  # rows per CSV write
MERGE_BUDGET = 200_000  # rows held by the k-way merge, over all buckets


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
        self.paths = [directory / f"bucket-{n:05d}.pkl" for n in range(buckets)]

    def bucket(self, case_id: str) -> int:
        """A stable bucket per case (CRC-32, not Python's salted ``hash``), so runs are reproducible."""
        return zlib.crc32(str(case_id).encode()) % len(self.paths)

    def add(self, statements: pd.DataFrame, claims: pd.DataFrame) -> None:
        which = statements["case_id"].map(self.bucket)
        claim_bucket = claims["case_id"].map(self.bucket)
        for n in sorted(set(which)):
            with open(self.paths[n], "ab") as handle:
                pickle.dump((statements[which == n], claims[claim_bucket == n]), handle)

    def load(self, n: int) -> tuple[pd.DataFrame, pd.DataFrame] | None:
        if not self.paths[n].exists():
            return None
        parts = []
        with open(self.paths[n], "rb") as handle:
            while True:
                try:
                    parts.append(pickle.load(handle))
                except EOFError:
                    break
        return pd.concat([p[0] for p in parts], ignore_index=True), pd.concat([p[1] for p in parts], ignore_index=True)


def link_bucket(statements: pd.DataFrame, claims: pd.DataFrame, book: Codebook, name: str) -> dict[str, pd.DataFrame]:
    """Link the cases of one bucket; results carry the keys that restore input order."""
    duplicated = statements.duplicated(["case_id", "statement_id"])
    if duplicated.any():
        row = statements[duplicated].iloc[0]
        raise duplicate_error(name, int(row[ROW]), row["statement_id"], row["case_id"])
    links, claims, cases = link_claims(statements, claims, book)
    rows = dict(zip(zip(statements["case_id"], statements["statement_id"]), statements[ROW]))
    first = statements.groupby("case_id", sort=False)[ROW].min()
    claims = claims.assign(_key=[rows[k] for k in zip(claims["case_id"], claims["statement_id"])])
    links = links.assign(_key=links["case_id"].map(first))
    cases = cases.assign(_key=cases["case_id"].map(first))
    return {
        name_: frame.assign(_seq=range(len(frame))).sort_values(["_key", "_seq"], kind="stable")
        for name_, frame in (("claims", claims), ("links", links), ("cases", cases))
    }


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
    """
    paths = codebook_paths(codebook)
    book = load_codebook(paths)
    name = "<DataFrame>" if isinstance(source, pd.DataFrame) else str(source)
    summary = LabelCounts(columns=list(book.columns))
    directory.mkdir(parents=True, exist_ok=True)
    total = count_statements(source)
    with tempfile.TemporaryDirectory(dir=directory, prefix=".toolkit-") as tmp, runner(
        engine, paths, n_process, scheduler
    ) as run:
        work = Path(tmp)
        spill = _Spill(work, max(1, min(4096, math.ceil(total / chunk_size))))
        statements_out, tags_out = _Appender(work / "statements.csv"), _Appender(work / "tags.csv")
        chunks = iter_statements(source, available_languages(paths), case_id, chunk_size)
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
        parts = _save_parts(run.map(link_bucket, jobs), work, len(spill.paths))
        for table in ("claims", "links", "cases"):
            _merge(parts[table], work / f"{table}.csv")
        for table in OUTPUTS:
            os.replace(work / f"{table}.csv", directory / f"{table}.csv")
    return summary


def _save_parts(results: Iterator[dict[str, pd.DataFrame]], work: Path, buckets: int) -> dict[str, list[Path]]:
    """Each bucket's sorted results to temporary files, in slices, so the merge reads them lazily.

    The merge holds one slice per bucket at a time, so slices shrink as
    buckets multiply: together they stay within ``MERGE_BUDGET`` rows.
    """
    size = max(100, MERGE_BUDGET // max(1, buckets))
    saved: dict[str, list[Path]] = {"claims": [], "links": [], "cases": []}
    for n, result in enumerate(results):
        for table, frame in result.items():
            path = work / f"{table}-{n:05d}.pkl"
            with open(path, "wb") as handle:
                pickle.dump(frame.iloc[0:0], handle)
                for start in range(0, len(frame), size):
                    pickle.dump(frame.iloc[start : start + size], handle)
            saved[table].append(path)
    return saved


def _rows(path: Path) -> Iterator[tuple]:
    with open(path, "rb") as handle:
        pickle.load(handle)
        while True:
            try:
                frame = pickle.load(handle)
            except EOFError:
                return
            yield from frame.itertuples(index=False, name=None)


def _merge(paths: list[Path], target: Path) -> None:
    """k-way merge of sorted bucket results by (input key, sequence) into one CSV."""
    if not paths:
        return
    with open(paths[0], "rb") as handle:
        empty = pickle.load(handle)
    columns = list(empty.columns)
    key, seq = columns.index("_key"), columns.index("_seq")
    out = _Appender(target)
    buffer: list[tuple] = []

    def flush() -> None:
        frame = pd.DataFrame(buffer, columns=columns).astype(empty.dtypes.to_dict())
        out.write(frame.drop(columns=["_key", "_seq"]))
        buffer.clear()

    for row in heapq.merge(*(_rows(p) for p in paths), key=lambda r: (r[key], r[seq])):
        buffer.append(row)
        if len(buffer) >= SLICE:
            flush()
    flush()
    out.close()
