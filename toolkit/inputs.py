"""Read and validate statements (CODEBOOK §7) from CSV, Parquet, JSON Lines or a DataFrame.

Only ``text`` is indispensable. Every other column is defaulted visibly: a
warning names the default once, the value is written into the column, and
the ``defaulted`` column lists, per row, which columns were filled in.
Bad input raises :class:`~toolkit.errors.InputError` with one line naming the
file, the 1-based data row and the column.

Decisions: a missing ``speaker_role`` defaults to ``official`` (a file of bare
texts is most often a file of the accused party's statements); timestamps
without a zone are read as UTC; a date alone is midnight UTC; a missing
``timestamp`` keeps file order (the ``timestamp`` column stays empty and
linking says it used file order).
"""

from __future__ import annotations

import codecs
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import py3langid

from .errors import Errors, InputError, Warnings, warn, where

COLUMNS = ("case_id", "statement_id", "timestamp", "speaker", "speaker_role", "channel", "language", "text")
OPTIONAL_COLUMNS = ("source_url", "deleted_at", "in_reply_to")
SPEAKER_ROLES = ("official", "insider", "journalist", "commentator", "authority", "public")
DEFAULT_ROLE = "official"
DEFAULT_SPEAKER = "unknown"
NEWLINE = b"\n"
ROW = "row"  # 1-based input row number, carried through chunks for messages and ordering


def read_chunks(source: str | Path | pd.DataFrame, chunk_size: int | None = None) -> tuple[Iterator[pd.DataFrame], str]:
    """The raw table in chunks of strings (empty cells as ``""``), and the name used in messages.

    CSV and JSON Lines are read with pandas' chunked readers, Parquet by row
    batches, so a file of any size is never held whole. ``chunk_size=None``
    reads everything as one chunk.
    """
    if isinstance(source, pd.DataFrame):
        name = "<DataFrame>"
        step = chunk_size or max(1, len(source))
        chunks: Iterator[pd.DataFrame] = (source.iloc[i : i + step] for i in range(0, max(1, len(source)), step))
    else:
        path = Path(source)
        name = str(path)
        if not path.is_file():
            raise InputError(Errors.E009.format(where=name, detail="no such file"))
        suffix = path.suffix.lower()
        if suffix not in READERS:
            raise InputError(Errors.E008.format(where=name, value=suffix or path.name))
        if path.stat().st_size == 0:
            raise InputError(Errors.E002.format(where=name))
        if suffix != ".parquet":
            _check_utf8(path)
        chunks = READERS[suffix](path, chunk_size)
    return normalised(chunks, name), name


def read_frame(source: str | Path | pd.DataFrame) -> tuple[pd.DataFrame, str]:
    """The whole raw table as strings, and the name used in messages."""
    chunks, name = read_chunks(source)
    return pd.concat(list(chunks), ignore_index=True), name


def count_statements(source: str | Path | pd.DataFrame) -> int:
    """A cheap upper bound of the number of statements (lines of a text file, Parquet row count)."""
    if isinstance(source, pd.DataFrame):
        return len(source)
    path = Path(source)
    try:
        if path.suffix.lower() == ".parquet":
            import pyarrow.parquet as pq

            return pq.ParquetFile(path).metadata.num_rows
        with open(path, "rb") as handle:
            return sum(block.count(NEWLINE) for block in iter(lambda: handle.read(1 << 20), b""))
    except (OSError, ValueError):
        return 0


def _read_csv(path: Path, chunk_size: int | None) -> Iterator[pd.DataFrame]:
    options = dict(dtype=str, keep_default_na=False, encoding="utf-8-sig")
    if chunk_size is None:
        yield pd.read_csv(path, **options)
    else:
        with pd.read_csv(path, chunksize=chunk_size, **options) as reader:
            yield from reader


def _read_jsonl(path: Path, chunk_size: int | None) -> Iterator[pd.DataFrame]:
    if chunk_size is None:
        yield pd.read_json(path, lines=True, dtype=False)
    else:
        with pd.read_json(path, lines=True, dtype=False, chunksize=chunk_size) as reader:
            yield from reader


def _read_parquet(path: Path, chunk_size: int | None) -> Iterator[pd.DataFrame]:
    import pyarrow.parquet as pq

    parquet = pq.ParquetFile(path)
    for batch in parquet.iter_batches(batch_size=chunk_size or max(1, parquet.metadata.num_rows)):
        yield batch.to_pandas()


READERS = {".csv": _read_csv, ".jsonl": _read_jsonl, ".ndjson": _read_jsonl, ".parquet": _read_parquet}


def normalised(chunks: Iterator[pd.DataFrame], name: str) -> Iterator[pd.DataFrame]:
    """Strings everywhere, stripped column names, a 0-based index; an empty input is an error."""
    seen = False
    try:
        for frame in chunks:
            if frame.shape[0] == 0:
                continue
            seen = True
            frame = frame.astype(object).where(frame.notna(), "").astype(str)
            frame.columns = [str(c).strip() for c in frame.columns]
            yield frame.reset_index(drop=True)
    except InputError:
        raise
    except pd.errors.EmptyDataError:
        raise InputError(Errors.E002.format(where=name)) from None
    except Exception as exc:  # noqa: BLE001 - any reader failure becomes one line
        raise InputError(Errors.E009.format(where=name, detail=" ".join(str(exc).split())[:200])) from None
    if not seen:
        raise InputError(Errors.E002.format(where=name))


def _check_utf8(path: Path, block: int = 1 << 20) -> None:
    """Decode the file incrementally; the first bad byte is reported with its line."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    offset, lines = 0, 1
    with open(path, "rb") as handle:
        while data := handle.read(block):
            try:
                decoder.decode(data)
            except UnicodeDecodeError as exc:
                line = lines + data[: exc.start].count(NEWLINE)
                detail = f"byte offset {offset + exc.start}"
                raise InputError(Errors.E003.format(where=f"{path}, line {line}", detail=detail)) from None
            lines += data.count(NEWLINE)
            offset += len(data)
        try:
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            raise InputError(Errors.E003.format(where=f"{path}, line {lines}", detail="truncated at end of file")) from None


def read_statements(
    source: str | Path | pd.DataFrame, languages: list[str], case_default: str | None = None
) -> pd.DataFrame:
    """Validated statements with every §7 column present and defaults filled in (the whole input)."""
    return pd.concat(list(iter_statements(source, languages, case_default)), ignore_index=True)


def iter_statements(
    source: str | Path | pd.DataFrame,
    languages: list[str],
    case_default: str | None = None,
    chunk_size: int | None = None,
) -> Iterator[pd.DataFrame]:
    """Validated statements chunk by chunk; rows keep their 1-based input number in ``row``.

    Args:
        source: a path (``.csv``, ``.parquet``, ``.jsonl``) or a DataFrame.
        languages: languages that have a pipeline; any other is an error.
        case_default: ``case_id`` for a table without one (default: the file stem).
        chunk_size: statements per chunk (``None``: one chunk).
    """
    chunks, name = read_chunks(source, chunk_size)
    stem = case_default or (Path(name).stem if not isinstance(source, pd.DataFrame) else "dataframe")
    offset = 0
    for frame in chunks:
        yield prepare(frame, name, languages, stem, offset)
        offset += len(frame)


def prepare(frame: pd.DataFrame, name: str, languages: list[str], stem: str, offset: int = 0) -> pd.DataFrame:
    """Defaults, validation and language detection for one chunk whose first row is ``offset + 1``."""
    if "text" not in frame.columns:
        raise InputError(Errors.E001.format(where=where(name, column="text")))
    frame = frame.copy()
    frame.index = pd.RangeIndex(offset, offset + len(frame))
    defaulted: dict[int, list[str]] = {i: [] for i in frame.index}
    rows = pd.Series((frame.index + 1).astype(str), index=frame.index)
    _default(frame, name, "statement_id", rows, "the 1-based row number", defaulted)
    _default(frame, name, "case_id", stem, repr(stem), defaulted)
    _default(frame, name, "speaker", DEFAULT_SPEAKER, repr(DEFAULT_SPEAKER), defaulted)
    _default(frame, name, "speaker_role", DEFAULT_ROLE, repr(DEFAULT_ROLE), defaulted)
    _default(frame, name, "channel", "", "empty", defaulted)
    if "timestamp" not in frame.columns:
        warn(Warnings.W001.format(source=name, column="timestamp", default="file order (timestamp left empty)"))
        frame["timestamp"] = ""
    for column in OPTIONAL_COLUMNS:
        if column not in frame.columns:
            frame[column] = ""
    _check_rows(frame, name)
    _detect_languages(frame, name, defaulted)
    _check_languages(frame, name, languages)
    frame["defaulted"] = [";".join(defaulted[i]) for i in frame.index]
    ordered = [*COLUMNS, *OPTIONAL_COLUMNS]
    frame = frame[ordered + [c for c in frame.columns if c not in ordered]]
    frame.insert(len(frame.columns), ROW, frame.index + 1)
    return frame.reset_index(drop=True)


def _default(frame: pd.DataFrame, name: str, column: str, value, shown: str, defaulted: dict[int, list[str]]) -> None:
    if column not in frame.columns:
        warn(Warnings.W001.format(source=name, column=column, default=shown))
        frame[column] = value
        missing = frame.index
    else:
        missing = frame.index[frame[column].str.strip() == ""]
        if len(missing):
            warn(Warnings.W002.format(source=name, column=column, default=shown))
            frame.loc[missing, column] = value if isinstance(value, str) else value[missing]
    for i in missing:
        defaulted[i].append(column)


def _check_rows(frame: pd.DataFrame, name: str) -> None:
    """Empty texts, bad timestamps, unknown roles, duplicate ids: the first one found.

    Row numbers are the frame's index + 1 (1-based input rows, across chunks).
    """
    for i, text in frame["text"].items():
        if not text.strip():
            raise InputError(Errors.E010.format(where=where(name, i + 1, "text")))
    for column in ("timestamp", "deleted_at"):
        present = frame[column].str.strip() != ""
        bad = present & parse_times(frame[column].where(present, "")).isna()
        if bad.any():
            i = bad.idxmax()
            raise InputError(Errors.E004.format(where=where(name, i + 1, column), value=frame.at[i, column]))
    frame["speaker_role"] = frame["speaker_role"].str.strip().str.lower()
    for i, role in frame["speaker_role"].items():
        if role not in SPEAKER_ROLES:
            raise InputError(
                Errors.E005.format(where=where(name, i + 1, "speaker_role"), value=role, allowed=", ".join(SPEAKER_ROLES))
            )
    duplicated = frame.duplicated(["case_id", "statement_id"])
    if duplicated.any():
        i = duplicated.idxmax()
        raise duplicate_error(name, i + 1, frame.at[i, "statement_id"], frame.at[i, "case_id"])


def duplicate_error(name: str, row: int, statement_id: str, case_id: str) -> InputError:
    """The error for a statement_id seen twice in one case (also raised when chunks are joined per case)."""
    return InputError(Errors.E006.format(where=where(name, row, "statement_id"), value=statement_id, case=case_id))


def parse_times(values: pd.Series) -> pd.Series:
    """ISO 8601 timestamps as UTC (zone-less values are taken as UTC); empty or invalid cells are NaT.

    The one parser of the toolkit: validation and linking read times alike.
    """
    return pd.to_datetime(values.str.strip().replace("", None), utc=True, format="ISO8601", errors="coerce")


def _detect_languages(frame: pd.DataFrame, name: str, defaulted: dict[int, list[str]]) -> None:
    """Fill missing languages with py3langid (langid.py, Lui & Baldwin 2012), per statement."""
    if "language" not in frame.columns:
        warn(Warnings.W001.format(source=name, column="language", default="the language detected per statement"))
        frame["language"] = ""
    else:
        if (frame["language"].str.strip() == "").any():
            warn(Warnings.W002.format(source=name, column="language", default="the language detected per statement"))
    for i in frame.index[frame["language"].str.strip() == ""]:
        frame.at[i, "language"] = py3langid.classify(frame.at[i, "text"])[0]
        defaulted[i].append("language")
    frame["language"] = frame["language"].str.strip().str.lower().str.split(r"[-_]", n=1, regex=True).str[0]


def _check_languages(frame: pd.DataFrame, name: str, languages: list[str]) -> None:
    for i, lang in frame["language"].items():
        if lang not in languages:
            raise InputError(
                Errors.E007.format(where=where(name, i + 1, "language"), value=lang, allowed=", ".join(languages))
            )
