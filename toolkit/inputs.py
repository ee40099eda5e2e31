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

from pathlib import Path

import pandas as pd
import py3langid

from .errors import Errors, InputError, Warnings, warn, where

COLUMNS = ("case_id", "statement_id", "timestamp", "speaker", "speaker_role", "channel", "language", "text")
OPTIONAL_COLUMNS = ("source_url", "deleted_at", "in_reply_to")
SPEAKER_ROLES = ("official", "insider", "journalist", "commentator", "authority", "public")
DEFAULT_ROLE = "official"
DEFAULT_SPEAKER = "unknown"


def read_frame(source: str | Path | pd.DataFrame) -> tuple[pd.DataFrame, str]:
    """The raw table as strings (empty cells as ``""``) and the name used in messages."""
    if isinstance(source, pd.DataFrame):
        frame = source.copy()
        name = "<DataFrame>"
    else:
        path = Path(source)
        name = str(path)
        if not path.is_file():
            raise InputError(Errors.E009.format(where=name, detail="no such file"))
        suffix = path.suffix.lower()
        if suffix == ".csv":
            frame = _read_csv(path)
        elif suffix == ".parquet":
            frame = _guard(name, lambda: pd.read_parquet(path))
        elif suffix in (".jsonl", ".ndjson"):
            _check_utf8(path)
            frame = _guard(name, lambda: pd.read_json(path, lines=True, dtype=False))
        else:
            raise InputError(Errors.E008.format(where=name, value=suffix or path.name))
    if frame.shape[0] == 0:
        raise InputError(Errors.E002.format(where=name))
    frame = frame.astype(object).where(frame.notna(), "").astype(str)
    frame.columns = [str(c).strip() for c in frame.columns]
    return frame.reset_index(drop=True), name


def _guard(name: str, read):
    try:
        return read()
    except InputError:
        raise
    except Exception as exc:  # noqa: BLE001 - any reader failure becomes one line
        raise InputError(Errors.E009.format(where=name, detail=" ".join(str(exc).split())[:200])) from None


def _check_utf8(path: Path) -> None:
    data = path.read_bytes()
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError(Errors.E003.format(where=f"{path}, line {line}", detail=f"byte offset {exc.start}")) from None


def _read_csv(path: Path) -> pd.DataFrame:
    if path.stat().st_size == 0:
        raise InputError(Errors.E002.format(where=str(path)))
    _check_utf8(path)
    try:
        return pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    except pd.errors.EmptyDataError:
        raise InputError(Errors.E002.format(where=str(path))) from None
    except pd.errors.ParserError as exc:
        raise InputError(Errors.E009.format(where=str(path), detail=" ".join(str(exc).split()))) from None


def read_statements(
    source: str | Path | pd.DataFrame, languages: list[str], case_default: str | None = None
) -> pd.DataFrame:
    """Validated statements with every §7 column present and defaults filled in.

    Args:
        source: a path (``.csv``, ``.parquet``, ``.jsonl``) or a DataFrame.
        languages: languages that have a pipeline; any other is an error.
        case_default: ``case_id`` for a table without one (default: the file stem).
    """
    frame, name = read_frame(source)
    if "text" not in frame.columns:
        raise InputError(Errors.E001.format(where=where(name, column="text")))
    defaulted: list[list[str]] = [[] for _ in range(len(frame))]
    stem = case_default or (Path(name).stem if not isinstance(source, pd.DataFrame) else "dataframe")
    rows = pd.RangeIndex(1, len(frame) + 1).astype(str)
    _default(frame, name, "statement_id", pd.Series(rows, index=frame.index), "the 1-based row number", defaulted)
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
    frame["defaulted"] = [";".join(d) for d in defaulted]
    ordered = [*COLUMNS, *OPTIONAL_COLUMNS]
    return frame[ordered + [c for c in frame.columns if c not in ordered]]


def _default(frame: pd.DataFrame, name: str, column: str, value, shown: str, defaulted: list[list[str]]) -> None:
    if column not in frame.columns:
        warn(Warnings.W001.format(source=name, column=column, default=shown))
        frame[column] = value
        missing = frame.index
    else:
        missing = frame.index[frame[column].str.strip() == ""]
        if len(missing):
            warn(Warnings.W002.format(source=name, column=column, count=len(missing), default=shown))
            frame.loc[missing, column] = value if isinstance(value, str) else value[missing]
    for i in missing:
        defaulted[i].append(column)


def _check_rows(frame: pd.DataFrame, name: str) -> None:
    """Empty texts, bad timestamps, unknown roles, duplicate ids: the first one found."""
    for i, text in enumerate(frame["text"]):
        if not text.strip():
            raise InputError(Errors.E010.format(where=where(name, i + 1, "text")))
    for column in ("timestamp", "deleted_at"):
        for i, value in enumerate(frame[column]):
            if value.strip() and parse_time(value) is None:
                raise InputError(Errors.E004.format(where=where(name, i + 1, column), value=value))
    frame["speaker_role"] = frame["speaker_role"].str.strip().str.lower()
    for i, role in enumerate(frame["speaker_role"]):
        if role not in SPEAKER_ROLES:
            raise InputError(
                Errors.E005.format(where=where(name, i + 1, "speaker_role"), value=role, allowed=", ".join(SPEAKER_ROLES))
            )
    duplicated = frame.duplicated(["case_id", "statement_id"])
    if duplicated.any():
        i = int(duplicated.to_numpy().nonzero()[0][0])
        raise InputError(
            Errors.E006.format(
                where=where(name, i + 1, "statement_id"), value=frame.at[i, "statement_id"], case=frame.at[i, "case_id"]
            )
        )


def parse_time(value: str) -> pd.Timestamp | None:
    """An ISO 8601 timestamp as UTC (zone-less values are taken as UTC), or ``None``."""
    try:
        stamp = pd.Timestamp(value.strip())
    except (ValueError, TypeError):
        return None
    if stamp is pd.NaT:
        return None
    return stamp.tz_localize("UTC") if stamp.tzinfo is None else stamp.tz_convert("UTC")


def _detect_languages(frame: pd.DataFrame, name: str, defaulted: list[list[str]]) -> None:
    """Fill missing languages with py3langid (langid.py, Lui & Baldwin 2012), per statement."""
    if "language" not in frame.columns:
        warn(Warnings.W001.format(source=name, column="language", default="the language detected per statement"))
        frame["language"] = ""
    missing = frame.index[frame["language"].str.strip() == ""]
    if len(missing) and "language" not in {c for d in defaulted for c in d}:
        if len(missing) < len(frame):
            warn(Warnings.W002.format(source=name, column="language", count=len(missing), default="the detected language"))
    for i in missing:
        frame.at[i, "language"] = py3langid.classify(frame.at[i, "text"])[0]
        defaulted[i].append("language")
    frame["language"] = frame["language"].str.strip().str.lower().str.split(r"[-_]", n=1, regex=True).str[0]


def _check_languages(frame: pd.DataFrame, name: str, languages: list[str]) -> None:
    for i, lang in enumerate(frame["language"]):
        if lang not in languages:
            raise InputError(
                Errors.E007.format(where=where(name, i + 1, "language"), value=lang, allowed=", ".join(languages))
            )
