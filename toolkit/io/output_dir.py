"""The output directory of ``toolkit analyze``: checked before anything is read, replaced whole when a run ends.

An output directory holds one run. It may be new, empty, or hold the outputs
of an earlier run (only names in :data:`OWNED`); anything else in it, or an
input among the files a run would replace, is refused before any file is
read or written. A finished run is built in a temporary directory and then
takes the place of the earlier run's files, whose leftovers (reports of
cases that are gone) are removed.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterable
from pathlib import Path

from ..errors import Errors, OutputError

TABLES = ("statements", "tags", "claims", "links", "cases")
OWNED = frozenset(
    {*(f"{table}.csv" for table in TABLES), "provenance.json", "index.html", "index.md", "index.pdf", "cases", "figures"}
)
TEMPORARY_PREFIX = ".toolkit-"


def check_output_dir(directory: Path, inputs: Iterable[str | Path] = ()) -> None:
    """Refuse an output directory that is a file, cannot be created or written, holds other files, or an input.

    Raises:
        OutputError: one line naming the directory (and the file in the way).
    """
    directory = Path(directory)
    if directory.exists() and not directory.is_dir():
        raise OutputError(Errors.E080.format(path=directory))
    existing = next(p for p in (directory, *directory.parents) if p.exists())
    if not existing.is_dir():
        raise OutputError(Errors.E081.format(path=directory, parent=existing))
    if not os.access(existing, os.W_OK | os.X_OK):
        raise OutputError(Errors.E082.format(path=directory, parent=existing))
    if directory.is_dir():
        foreign = sorted(e.name for e in directory.iterdir() if e.name not in OWNED and not e.name.startswith(TEMPORARY_PREFIX))
        if foreign:
            shown = ", ".join(foreign[:3]) + (f" and {len(foreign) - 3} more" if len(foreign) > 3 else "")
            raise OutputError(Errors.E083.format(path=directory, names=shown))
    replaced = [(directory / name).resolve() for name in OWNED]
    for source in inputs:
        resolved = Path(source).resolve()
        if any(resolved == target or target in resolved.parents for target in replaced):
            raise OutputError(Errors.E084.format(path=directory, input=source))


def publish(stage: Path, directory: Path) -> None:
    """Move every output of ``stage`` into ``directory``; earlier outputs this run did not write are removed."""
    for name in sorted(OWNED):
        old = directory / name
        if (old.exists() or old.is_symlink()) and not (stage / name).exists():
            _remove(old)
    for entry in sorted(stage.iterdir(), key=lambda e: (e.is_dir(), e.name)):
        target = directory / entry.name
        if entry.is_dir() and target.is_dir() and not target.is_symlink():
            shutil.rmtree(target)
        os.replace(entry, target)


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    else:
        path.unlink()
