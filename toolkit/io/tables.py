"""Write result tables atomically and safely for spreadsheets, and read them back losslessly.

Every CSV cell that a spreadsheet would run as a formula (leading ``=``, ``+``,
``-``, ``@``, tab or carriage return, per the OWASP CSV-injection guidance)
gets a leading apostrophe; cells that already start with an apostrophe get
one more, so :func:`read_table` restores the exact text. Column names are
cells too and are treated alike. A row holding a carriage return is written
with every cell quoted (the csv module quotes only ``\n`` when lines end in
``\n``), so a lone CR never splits a row on reading. Files are written to a
temporary file beside the target and renamed over it, so a crash never
leaves a half-written output; they get the usual permissions (``0666`` less
the umask), not the temporary file's ``0600``.
"""

from __future__ import annotations

import csv
import os
import tempfile
from pathlib import Path

import pandas as pd

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r", "'")
ESCAPE = "'"


def _neutralised(column: pd.Series) -> pd.Series:
    """The column with formula-like text cells prefixed (vectorised: a column can hold millions of cells)."""
    if pd.api.types.infer_dtype(column, skipna=True) not in ("string", "mixed", "mixed-integer"):
        return column
    formula = column.str.startswith(FORMULA_PREFIXES, na=False)
    return column.where(~formula, ESCAPE + column.astype(str))


def _restored(column: pd.Series) -> pd.Series:
    return column.where(~column.str.startswith(ESCAPE, na=False), column.str.slice(1))


def _neutralised_name(name: object) -> object:
    return ESCAPE + name if isinstance(name, str) and name.startswith(FORMULA_PREFIXES) else name


def _restored_name(name: str) -> str:
    return name[1:] if name.startswith(ESCAPE) else name


def _file_mode() -> int:
    """``0666`` less the process umask: what ``open()`` gives a new file."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def write_atomic(path: Path, data: bytes) -> None:
    """Write bytes to ``path`` through a temporary file and an atomic rename."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(tmp, _file_mode())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def csv_bytes(frame: pd.DataFrame, header: bool = True) -> bytes:
    """CSV (UTF-8, ``\\n`` line ends) with formula-like text cells and column names neutralised."""
    safe = frame.apply(_neutralised) if len(frame.columns) else frame.copy()
    safe.columns = [_neutralised_name(c) for c in frame.columns]
    carriage = _holds_carriage_return(safe)
    named = any("\r" in str(name) for name in safe.columns)
    if not carriage.any() and not named:
        return safe.to_csv(index=False, header=header, lineterminator="\n").encode("utf-8")
    runs = (carriage != carriage.shift()).cumsum().to_numpy()  # consecutive rows alike: one to_csv call each
    quoting = csv.QUOTE_ALL if named else csv.QUOTE_MINIMAL
    parts = [safe.iloc[0:0].to_csv(index=False, header=header, lineterminator="\n", quoting=quoting)]
    for _, rows in safe.groupby(runs, sort=False):
        quoting = csv.QUOTE_ALL if carriage.loc[rows.index[0]] else csv.QUOTE_MINIMAL
        parts.append(rows.to_csv(index=False, header=False, lineterminator="\n", quoting=quoting))
    return "".join(parts).encode("utf-8")


def _holds_carriage_return(frame: pd.DataFrame) -> pd.Series:
    """Per row: does any text cell hold a CR."""
    found = pd.Series(False, index=frame.index)
    for _, column in frame.items():
        if pd.api.types.infer_dtype(column, skipna=True) in ("string", "mixed", "mixed-integer"):
            found |= column.astype(str).str.contains("\r", regex=False, na=False)
    return found


def write_table(frame: pd.DataFrame, path: Path) -> None:
    """Write :func:`csv_bytes` of ``frame`` to ``path`` atomically."""
    write_atomic(path, csv_bytes(frame))


def read_table(path: Path) -> pd.DataFrame:
    """Read a CSV written by :func:`write_table`, restoring neutralised cells."""
    frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    frame.columns = [_restored_name(c) for c in frame.columns]
    return frame.apply(_restored) if len(frame.columns) else frame


def write_result(result, directory: Path) -> None:
    """The five tables of a :class:`~toolkit.engine.Result` into ``directory``, as ``toolkit analyze`` writes them."""
    for table in ("statements", "tags", "claims", "links", "cases"):
        write_table(getattr(result, table), directory / f"{table}.csv")
