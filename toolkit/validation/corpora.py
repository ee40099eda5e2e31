"""Hand-coded corpora (``corpora/<case>/``): read one or many, by coder and by split.

A corpus directory holds ``statements.csv`` and one or more codings
(``corpora/CODING.md``): the adjudicated ``gold.csv`` / ``links.csv`` and the
two independent codings ``coder_a.csv`` / ``links_a.csv`` and ``coder_b.csv``
/ ``links_b.csv``. Coding and links files carry no ``case_id``: it is taken
from the statements, so several corpora can be concatenated into one
statements / coding / links triple whose rows are keyed by ``(case_id,
statement_id)``. ``corpora/splits.csv`` assigns every case to ``train``,
``dev`` or ``test``; the test split is frozen (``corpora/README.md``).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from .coding import LINK_COLUMNS, read_links
from ..errors import Errors, InputError, where
from ..io.statements import read_frame
from ..io.tables import write_table

CODINGS = {"gold": ("gold.csv", "links.csv"), "coder_a": ("coder_a.csv", "links_a.csv"), "coder_b": ("coder_b.csv", "links_b.csv")}
"""Coding name -> (statement coding file, links file) in a corpus directory."""
SPLITS = ("train", "dev", "test")
SPLITS_FILE = "splits.csv"


@dataclass
class Corpus:
    """Statements with one coding and its links (each with ``case_id``); ``gold`` holds whichever coding was read."""

    statements: pd.DataFrame
    gold: pd.DataFrame
    links: pd.DataFrame

    @property
    def cases(self) -> list[str]:
        return list(dict.fromkeys(self.statements["case_id"]))

    def write(self, directory: str | Path) -> dict[str, Path]:
        """``statements.csv``, ``gold.csv``, ``links.csv`` into ``directory`` (for ``toolkit evaluate``)."""
        directory = Path(directory)
        paths = {name: directory / f"{name}.csv" for name in ("statements", "gold", "links")}
        for name, path in paths.items():
            write_table(getattr(self, name), path)
        return paths


def _is_corpus(directory: Path, coding: str) -> bool:
    return (directory / "statements.csv").is_file() and (directory / CODINGS[coding][0]).is_file()


def corpus_dirs(root: str | Path, split: str | list[str] | None = None, coding: str = "gold") -> list[Path]:
    """Corpus directories under ``root`` holding ``coding``, sorted by name; only those of ``split`` when given.

    Args:
        root: the corpora root (``corpora/``).
        split: ``train``, ``dev``, ``test``, a list of them, or ``None`` for every case.
        coding: which coding the directories must hold (a key of :data:`CODINGS`).

    Raises:
        InputError: no corpus under ``root``, a bad ``splits.csv``, or a case of the split without its files.
    """
    root = Path(root)
    found = sorted(p for p in root.iterdir() if _is_corpus(p, coding))
    if not found:
        raise InputError(Errors.E072.format(where=str(root), coding_file=CODINGS[coding][0]))
    if split is None:
        return found
    wanted = [split] if isinstance(split, str) else list(split)
    splits = read_splits(root)
    dirs = []
    for name in wanted:
        if name not in SPLITS:
            raise InputError(Errors.E073.format(where=str(root / SPLITS_FILE), value=name, allowed=", ".join(SPLITS)))
        cases = splits.loc[splits["split"] == name, "case_id"].tolist()
        if not cases:
            raise InputError(Errors.E075.format(where=str(root / SPLITS_FILE), value=name))
        for case in cases:
            if not _is_corpus(root / case, coding):
                raise InputError(Errors.E076.format(where=str(root / SPLITS_FILE), value=case, coding=coding))
            dirs.append(root / case)
    return sorted(dirs)


def read_splits(root: str | Path) -> pd.DataFrame:
    """``corpora/splits.csv``: one row per case, ``case_id`` and ``split`` (``train``/``dev``/``test``), validated."""
    path = Path(root) / SPLITS_FILE
    if not path.is_file():
        raise InputError(Errors.E077.format(where=str(path)))
    frame, name = read_frame(path)
    for column in ("case_id", "split"):
        if column not in frame.columns:
            raise InputError(Errors.E068.format(where=where(name, column=column), value=column))
    for i, (case, split) in enumerate(zip(frame["case_id"].tolist(), frame["split"].tolist())):
        if split not in SPLITS:
            raise InputError(Errors.E073.format(where=where(name, i + 1, "split"), value=split, allowed=", ".join(SPLITS)))
        if (frame["case_id"].iloc[:i] == case).any():
            raise InputError(Errors.E074.format(where=where(name, i + 1, "case_id"), value=case))
    return frame[["case_id", "split"]]


def read_corpus(directory: str | Path, coding: str = "gold") -> Corpus:
    """One corpus directory with one of its codings (:data:`CODINGS`), ``case_id`` added to coding and links."""
    directory = Path(directory)
    if not _is_corpus(directory, coding):
        raise InputError(Errors.E072.format(where=str(directory), coding_file=CODINGS[coding][0]))
    coding_file, links_file = CODINGS[coding]
    statements, _ = read_frame(directory / "statements.csv")
    cases = list(dict.fromkeys(statements["case_id"])) if "case_id" in statements.columns else [directory.name]
    case = cases[0] if len(cases) == 1 else directory.name
    if "case_id" not in statements.columns:
        statements.insert(0, "case_id", case)
    gold, _ = read_frame(directory / coding_file)
    if "case_id" not in gold.columns:
        gold.insert(0, "case_id", case)
    links_path = directory / links_file
    links = read_links(links_path, case_id=case) if links_path.is_file() else pd.DataFrame(columns=["case_id", *LINK_COLUMNS])
    return Corpus(statements, gold, links)


def read_corpora(
    paths: str | Path | list[str | Path], *, split: str | list[str] | None = None, coding: str = "gold"
) -> Corpus:
    """Several corpora concatenated, with one of their codings.

    Args:
        paths: a root directory (every corpus under it, or those of ``split``) or a list of corpus directories.
        split: with a root, only the cases ``splits.csv`` assigns to this split (or these splits).
        coding: ``gold`` (adjudicated), ``coder_a`` or ``coder_b``.
    """
    if isinstance(paths, (str, Path)):
        root = Path(paths)
        dirs = [root] if (root / "statements.csv").is_file() else corpus_dirs(root, split, coding)
    else:
        dirs = [Path(p) for p in paths]
    parts = [read_corpus(d, coding) for d in dirs]
    concat = lambda frames: pd.concat(frames, ignore_index=True).fillna("")  # noqa: E731
    return Corpus(
        concat([p.statements for p in parts]), concat([p.gold for p in parts]), concat([p.links for p in parts])
    )


def main(argv: list[str] | None = None) -> None:
    """``python -m toolkit.validation.corpora [ROOT_OR_CORPUS ...] [--out DIR] [--exclude NAME ...]``.

    Writes the concatenated statements, gold and links for ``toolkit evaluate``.
    """
    import argparse

    parser = argparse.ArgumentParser(prog="python -m toolkit.validation.corpora", description=main.__doc__)
    parser.add_argument("paths", nargs="*", default=["corpora"], help="corpora root or corpus directories")
    parser.add_argument("--out", default="toolkit-out/corpora", help="output directory")
    parser.add_argument("--exclude", nargs="*", default=[], help="corpus directory names to leave out")
    args = parser.parse_args(argv)
    dirs = [d for p in args.paths for d in ([Path(p)] if (Path(p) / "statements.csv").is_file() else corpus_dirs(p))]
    paths = read_corpora([d for d in dirs if d.name not in set(args.exclude)]).write(args.out)
    print("\n".join(str(p) for p in paths.values()))


if __name__ == "__main__":
    main()
