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
import csv
import json
import os
from collections.abc import Collection, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pandas as pd
from py3langid.langid import MODEL_FILE, LanguageIdentifier

from ..errors import Errors, InputError, Warnings, warn, where

COLUMNS = ("case_id", "statement_id", "timestamp", "speaker", "speaker_role", "channel", "language", "text")
OPTIONAL_COLUMNS = ("source_url", "deleted_at", "in_reply_to")
SPEAKER_ROLES = ("official", "insider", "journalist", "commentator", "authority", "public")
DEFAULT_ROLE = "official"
DEFAULT_SPEAKER = "unknown"
NEWLINE = b"\n"
ROW = "row"  # 1-based input row number, carried through chunks for messages and ordering
TIME = "time_utc"  # ``timestamp`` parsed once, at input: a typed UTC column every later stage reads
DEFAULTED = "defaulted"
TEXT_LIMIT = 1_000_000  # spaCy's ``nlp.max_length``: longer texts are refused by row
INPUT_PREFIX = "input_"  # input columns named like output columns are kept under this prefix
SURE = 0.9  # below this probability a detected language is announced as uncertain


def _read_chunks(
    source: str | Path | pd.DataFrame, chunk_size: int | None = None, columns: list[str] | None = None
) -> tuple[Iterator[pd.DataFrame], str]:
    """The raw table in chunks of strings (empty cells as ``""``), and the name used in messages.

    CSV and JSON Lines are read record by record, Parquet by row batches, so a
    file of any size is never held whole. ``chunk_size=None`` reads everything
    as one chunk. ``columns`` (from :func:`validate`) gives every chunk the
    same columns, for JSON Lines whose keys vary from line to line.
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
        if not os.access(path, os.R_OK):
            raise InputError(Errors.E009.format(where=name, detail="permission denied"))
        if path.stat().st_size == 0:
            raise InputError(Errors.E002.format(where=name))
        if suffix != ".parquet":
            _check_utf8(path)
        chunks = READERS[suffix](path, chunk_size)
    return normalised(chunks, name, columns), name


def read_frame(source: str | Path | pd.DataFrame) -> tuple[pd.DataFrame, str]:
    """The whole raw table as strings, and the name used in messages."""
    chunks, name = _read_chunks(source)
    return pd.concat(list(chunks), ignore_index=True), name


def _read_csv(path: Path, chunk_size: int | None) -> Iterator[pd.DataFrame]:
    """Records of a strict CSV parse: a stray quote, or a record whose field count is not the header's, is refused.

    A quote inside an unquoted field stays text; a field that opens a quote
    must close it right before a comma or a line end (``strict``), and a lone
    CR or LF outside quotes ends a record, so a text it split shows up as a
    record of the wrong length. Every accepted record is one row, its cells
    exactly as written. Blank lines are skipped.
    """
    csv.field_size_limit(max(csv.field_size_limit(), 2**31 - 1))  # long cells reach the text-length check
    with open(path, encoding="utf-8-sig", newline="") as handle:
        reader = csv.reader(handle, strict=True)
        header, rows, count = None, [], 0
        try:
            for record in reader:
                if not record:
                    continue
                if header is None:
                    header = record
                    continue
                count += 1
                if len(record) != len(header):
                    place = f"{path}, row {count} (line {reader.line_num})"
                    raise InputError(Errors.E012.format(where=place, found=len(record), expected=len(header)))
                rows.append(record)
                if chunk_size and len(rows) == chunk_size:
                    yield pd.DataFrame(rows, columns=header, dtype=object)
                    rows = []
        except csv.Error as exc:
            raise InputError(Errors.E013.format(where=f"{path}, row {count + 1} (line {reader.line_num})", detail=exc)) from None
    if header is not None:
        yield pd.DataFrame(rows, columns=header, dtype=object)


def _read_jsonl(path: Path, chunk_size: int | None) -> Iterator[pd.DataFrame]:
    """One JSON object per line; values as JSON wrote them (ids stay ``101``, nested values stay JSON)."""
    records: list[dict[str, str]] = []
    with open(path, encoding="utf-8-sig") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            records.append(_json_record(line, f"{path}, line {number}"))
            if chunk_size and len(records) == chunk_size:
                yield pd.DataFrame.from_records(records)
                records = []
    yield pd.DataFrame.from_records(records)


def _json_record(line: str, place: str) -> dict[str, str]:
    try:
        value = json.loads(line, object_pairs_hook=lambda pairs: _unique_keys(pairs, place))
    except json.JSONDecodeError as exc:
        raise InputError(Errors.E014.format(where=place, detail=exc.msg)) from None
    if not isinstance(value, dict):
        raise InputError(Errors.E014.format(where=place, detail=f"a JSON {type(value).__name__}, not an object"))
    return {key: _cell_text(cell) for key, cell in value.items()}


def _unique_keys(pairs: list[tuple[str, object]], place: str) -> dict:
    names = [key.strip() for key, _ in pairs]
    if len(set(names)) < len(names):
        raise _duplicate_columns_error(place, names)
    return dict(pairs)


def _cell_text(value: object) -> str:
    """A cell as text: strings unchanged, missing as ``""``, other values as JSON writes them."""
    if isinstance(value, str):
        return value
    if value is None or (not isinstance(value, (list, dict, tuple)) and pd.isna(value)):
        return ""
    if isinstance(value, (bool, int, float, list, dict, tuple)):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def _read_parquet(path: Path, chunk_size: int | None) -> Iterator[pd.DataFrame]:
    """Row batches; string columns as they are, any other type cell by cell through :func:`_cell_text`."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    parquet = pq.ParquetFile(path)
    for batch in parquet.iter_batches(batch_size=chunk_size or max(1, parquet.metadata.num_rows)):
        values = [
            column.to_pandas() if pa.types.is_string(column.type) or pa.types.is_large_string(column.type)
            else pd.Series([_cell_text(v) for v in column.to_pylist()], dtype=object)
            for column in batch.columns
        ]
        frame = pd.DataFrame(dict(enumerate(values)))
        frame.columns = batch.schema.names  # duplicates are refused by normalised()
        yield frame


READERS = {".csv": _read_csv, ".jsonl": _read_jsonl, ".ndjson": _read_jsonl, ".parquet": _read_parquet}


def _as_text(column: pd.Series) -> pd.Series:
    """A column as pandas strings; cells other than strings (JSON, Parquet, DataFrames) through :func:`_cell_text`."""
    if pd.api.types.infer_dtype(column, skipna=False) != "string":
        column = column.map(_cell_text)
    return column.astype(str)


def _duplicate_columns_error(name: str, columns: list[str]) -> InputError:
    """The error for column names that are equal once trimmed."""
    twice = sorted({c for c in columns if columns.count(c) > 1})
    return InputError(Errors.E015.format(where=name, names=", ".join(map(repr, twice))))


def normalised(chunks: Iterator[pd.DataFrame], name: str, columns: list[str] | None = None) -> Iterator[pd.DataFrame]:
    """Strings everywhere, stripped and unique column names, a 0-based index; an empty input is an error.

    With ``columns``, every chunk gets exactly those columns (missing ones empty).
    """
    seen = False
    try:
        for frame in chunks:
            if frame.shape[0] == 0:
                continue
            seen = True
            names = [str(c).strip() for c in frame.columns]
            if len(set(names)) < len(names):
                raise _duplicate_columns_error(name, names)
            frame = pd.DataFrame({n: _as_text(frame.iloc[:, i]) for i, n in enumerate(names)})
            if columns is not None:
                frame = frame.reindex(columns=columns, fill_value="")
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


def output_columns(label_columns: Collection[str]) -> tuple[str, ...]:
    """Columns ``toolkit analyze`` adds to the statements: input columns of these names are renamed."""
    return (DEFAULTED, ROW, TIME, "corrective", *label_columns)


def read_statements(
    source: str | Path | pd.DataFrame,
    languages: list[str],
    case_default: str | None = None,
    reserved: Collection[str] = (),
) -> pd.DataFrame:
    """Validated statements with every §7 column present and defaults filled in (the whole input)."""
    return pd.concat(list(iter_statements(source, languages, case_default, reserved=reserved)), ignore_index=True)


@dataclass
class Validated:
    """What the validation pass learnt: the number of statements and every input column, in order."""

    rows: int
    columns: list[str]


def validate(
    source: str | Path | pd.DataFrame,
    languages: list[str],
    case_default: str | None = None,
    chunk_size: int | None = None,
    reserved: Collection[str] = (),
) -> Validated:
    """The cheap first pass over the whole input: every check but language detection, before anything is tagged.

    A ``statement_id`` repeated in a case across chunks is found by a 64-bit
    hash of (case, id) per row, so memory stays a few bytes per statement.
    """
    chunks, name = _read_chunks(source, chunk_size)
    stem = _stem(source, name, case_default)
    columns: dict[str, None] = {}
    hashes, offset = [], 0
    for frame in chunks:
        columns.update(dict.fromkeys(frame.columns))
        checked = prepare(frame, name, languages, stem, offset, reserved=reserved, detect=False)
        hashes.append(pd.util.hash_pandas_object(checked[["case_id", "statement_id"]], index=False))
        offset += len(frame)
    repeated = pd.concat(hashes, ignore_index=True).duplicated()
    if repeated.any():
        row = int(repeated.idxmax())
        again = pd.concat(list(iter_statements(source, languages, case_default, chunk_size, reserved, detect=False)))
        raise duplicate_error(name, row + 1, again.iloc[row]["statement_id"], again.iloc[row]["case_id"])
    return Validated(offset, list(columns))


def _stem(source: str | Path | pd.DataFrame, name: str, case_default: str | None) -> str:
    return case_default or (Path(name).stem if not isinstance(source, pd.DataFrame) else "dataframe")


def iter_statements(
    source: str | Path | pd.DataFrame,
    languages: list[str],
    case_default: str | None = None,
    chunk_size: int | None = None,
    reserved: Collection[str] = (),
    detect: bool = True,
    columns: list[str] | None = None,
) -> Iterator[pd.DataFrame]:
    """Validated statements chunk by chunk; rows keep their 1-based input number in ``row``.

    Args:
        source: a path (``.csv``, ``.parquet``, ``.jsonl``) or a DataFrame.
        languages: languages that have a pipeline; any other given language is an error.
        case_default: ``case_id`` for a table without one (default: the file stem).
        chunk_size: statements per chunk (``None``: one chunk).
        reserved: output column names; input columns of these names are kept as ``input_<name>``.
        detect: detect missing languages (the validation pass skips it).
        columns: every input column (:attr:`Validated.columns`), so that all chunks share them.
    """
    chunks, name = _read_chunks(source, chunk_size, columns)
    stem = _stem(source, name, case_default)
    offset = 0
    for frame in chunks:
        yield prepare(frame, name, languages, stem, offset, reserved=reserved, detect=detect)
        offset += len(frame)


def prepare(
    frame: pd.DataFrame,
    name: str,
    languages: list[str],
    stem: str,
    offset: int = 0,
    reserved: Collection[str] = (),
    detect: bool = True,
) -> pd.DataFrame:
    """Defaults, validation and language detection for one chunk whose first row is ``offset + 1``."""
    if "text" not in frame.columns:
        raise InputError(Errors.E001.format(where=where(name, column="text")))
    frame = _keep_input_columns(frame, name, {*reserved, DEFAULTED, ROW})
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
    times = _check_rows(frame, name)
    _fill_languages(frame, name, defaulted, languages, detect)
    _check_languages(frame, name, languages)
    frame[DEFAULTED] = [";".join(defaulted[i]) for i in frame.index]
    ordered = [*COLUMNS, *OPTIONAL_COLUMNS]
    frame = frame[ordered + [c for c in frame.columns if c not in ordered]]
    frame.insert(len(frame.columns), ROW, frame.index + 1)
    frame.insert(len(frame.columns), TIME, times)
    return frame.reset_index(drop=True)


def _keep_input_columns(frame: pd.DataFrame, name: str, reserved: set[str]) -> pd.DataFrame:
    """A copy in which input columns named like output columns are renamed ``input_<name>`` (announced once)."""
    taken = set(frame.columns) | reserved
    renamed = {}
    for column in frame.columns:
        if column in reserved:
            new = INPUT_PREFIX + column
            while new in taken:
                new = INPUT_PREFIX + new
            taken.add(new)
            renamed[column] = new
    if renamed:
        shown = ", ".join(f"{old!r} as {new!r}" for old, new in renamed.items())
        warn(Warnings.W003.format(source=name, columns=shown))
    return frame.rename(columns=renamed)


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


def _check_rows(frame: pd.DataFrame, name: str) -> pd.Series:
    """Empty or too long texts, bad timestamps, unknown roles, duplicate ids: the first one found.

    Row numbers are the frame's index + 1 (1-based input rows, across chunks).
    Returns the parsed timestamps (the only time they are parsed).
    """
    for i, text in frame["text"].items():
        if not text.strip():
            raise InputError(Errors.E010.format(where=where(name, i + 1, "text")))
    lengths = frame["text"].str.len()
    if (lengths > TEXT_LIMIT).any():
        i = (lengths > TEXT_LIMIT).idxmax()
        raise InputError(Errors.E016.format(where=where(name, i + 1, "text"), length=lengths[i], limit=TEXT_LIMIT))
    times = {}
    for column in ("timestamp", "deleted_at"):
        present = frame[column].str.strip() != ""
        times[column] = parse_times(frame[column].where(present, ""))
        bad = present & times[column].isna()
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
    return times["timestamp"]


def duplicate_error(name: str, row: int, statement_id: str, case_id: str) -> InputError:
    """The error for a statement_id seen twice in one case (also raised when chunks are joined per case)."""
    return InputError(Errors.E006.format(where=where(name, row, "statement_id"), value=statement_id, case=case_id))


def parse_times(values: pd.Series) -> pd.Series:
    """ISO 8601 timestamps as UTC (zone-less values are taken as UTC); empty or invalid cells are NaT.

    The one parser of the toolkit's input times: statements get it once, as :data:`TIME`.
    """
    return pd.to_datetime(values.str.strip().replace("", None), utc=True, format="ISO8601", errors="coerce")


@lru_cache(maxsize=8)
def _identifier(languages: tuple[str, ...]) -> LanguageIdentifier:
    """py3langid (langid.py, Lui & Baldwin 2012) restricted to the languages that have a pipeline."""
    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    identifier.set_languages(list(languages))
    return identifier


def _fill_languages(frame: pd.DataFrame, name: str, defaulted: dict[int, list[str]], languages: list[str], detect: bool) -> None:
    """Fill missing languages with the most probable language that has a pipeline, per statement.

    A short statement is often closest to some other language ("Tak." to
    Polish): choosing among the analysable languages never refuses a file.
    Rows where even that choice is unsure are announced once.
    """
    if "language" not in frame.columns:
        warn(Warnings.W001.format(source=name, column="language", default="the language detected per statement"))
        frame["language"] = ""
    elif (frame["language"].str.strip() == "").any():
        warn(Warnings.W002.format(source=name, column="language", default="the language detected per statement"))
    missing = frame.index[frame["language"].str.strip() == ""]
    identifier = _identifier(tuple(languages)) if detect and languages else None
    unsure = False
    for i in missing:
        defaulted[i].append("language")
        if identifier is not None:
            lang, probability = identifier.classify(frame.at[i, "text"])
            frame.at[i, "language"] = lang
            unsure = unsure or probability < SURE
        else:
            frame.at[i, "language"] = languages[0] if languages else ""
    if unsure:
        warn(Warnings.W004.format(source=name, languages=", ".join(languages)))
    frame["language"] = frame["language"].str.strip().str.lower().str.split(r"[-_]", n=1, regex=True).str[0]


def _check_languages(frame: pd.DataFrame, name: str, languages: list[str]) -> None:
    for i, lang in frame["language"].items():
        if lang not in languages:
            raise InputError(
                Errors.E007.format(where=where(name, i + 1, "language"), value=lang, allowed=", ".join(languages))
            )
