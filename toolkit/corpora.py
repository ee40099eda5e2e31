"""Hand-coded corpora (``corpora/<case>/``): read one or many, concatenate them for evaluation.

A corpus directory holds ``statements.csv``, ``gold.csv`` and optionally
``links.csv`` (``corpora/CODING.md``). Gold and links files carry no
``case_id``: it is taken from the statements, so several corpora can be
concatenated into one statements / gold / links triple whose rows are keyed
by ``(case_id, statement_id)``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from .errors import Errors, InputError
from .inputs import read_frame
from .outputs import write_table


@dataclass
class Corpus:
    """Statements with their gold coding and gold links (each with ``case_id``)."""

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


def corpus_dirs(root: str | Path) -> list[Path]:
    """Every corpus directory under ``root`` (those with statements.csv and gold.csv), sorted by name."""
    root = Path(root)
    found = sorted(p for p in root.iterdir() if (p / "statements.csv").is_file() and (p / "gold.csv").is_file())
    if not found:
        raise InputError(Errors.E072.format(where=str(root)))
    return found


def read_corpus(directory: str | Path) -> Corpus:
    """One corpus directory, with ``case_id`` added to its gold and links."""
    directory = Path(directory)
    if not (directory / "statements.csv").is_file() or not (directory / "gold.csv").is_file():
        raise InputError(Errors.E072.format(where=str(directory)))
    statements, _ = read_frame(directory / "statements.csv")
    cases = list(dict.fromkeys(statements["case_id"])) if "case_id" in statements.columns else [directory.name]
    case = cases[0] if len(cases) == 1 else directory.name
    if "case_id" not in statements.columns:
        statements.insert(0, "case_id", case)
    gold, _ = read_frame(directory / "gold.csv")
    if "case_id" not in gold.columns:
        gold.insert(0, "case_id", case)
    links_path = directory / "links.csv"
    if links_path.is_file() and links_path.stat().st_size:
        links, _ = read_frame(links_path)
    else:
        links = pd.DataFrame(columns=["claim_statement_id", "evidence_statement_id", "relation"])
    if "case_id" not in links.columns:
        links.insert(0, "case_id", case)
    return Corpus(statements, gold, links)


def read_corpora(paths: str | Path | list[str | Path]) -> Corpus:
    """Several corpora concatenated: a root directory (every corpus under it) or a list of corpus directories."""
    if isinstance(paths, (str, Path)):
        root = Path(paths)
        dirs = [root] if (root / "statements.csv").is_file() else corpus_dirs(root)
    else:
        dirs = [Path(p) for p in paths]
    parts = [read_corpus(d) for d in dirs]
    concat = lambda frames: pd.concat(frames, ignore_index=True).fillna("")  # noqa: E731
    return Corpus(
        concat([p.statements for p in parts]), concat([p.gold for p in parts]), concat([p.links for p in parts])
    )


def main(argv: list[str] | None = None) -> None:
    """``python -m toolkit.corpora [ROOT_OR_CORPUS ...] [--out DIR] [--exclude NAME ...]``.

    Writes the concatenated statements, gold and links for ``toolkit evaluate``.
    """
    import argparse

    parser = argparse.ArgumentParser(prog="python -m toolkit.corpora", description=main.__doc__)
    parser.add_argument("paths", nargs="*", default=["corpora"], help="corpora root or corpus directories")
    parser.add_argument("--out", default="toolkit-out/corpora", help="output directory")
    parser.add_argument("--exclude", nargs="*", default=[], help="corpus directory names to leave out")
    args = parser.parse_args(argv)
    dirs = [d for p in args.paths for d in ([Path(p)] if (Path(p) / "statements.csv").is_file() else corpus_dirs(p))]
    paths = read_corpora([d for d in dirs if d.name not in set(args.exclude)]).write(args.out)
    print("\n".join(str(p) for p in paths.values()))


if __name__ == "__main__":
    main()
