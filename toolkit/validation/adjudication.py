"""Adjudication of two independent codings into the gold coding of a corpus case.

Coder A and coder B code every statement and link of a case independently
(``corpora/CODING.md``). Where they agree, their value is the gold value;
every disagreement is a row of ``adjudication.csv`` — ``item`` (``statement``
or ``link``), ``id`` (statement id, or ``claim>evidence:relation``),
``dimension``, ``coder_a``, ``coder_b``, ``gold``, ``reason`` — settled by an
adjudicator who writes the gold value and a one-line reason. ``gold.csv`` and
``links.csv`` are *derived* from the three files, so the gold coding can
always be traced to the two codings and the reasons. A gold cell with no
label is written ``(none)`` (an empty ``gold`` means "not settled yet"); a
link is kept with gold ``1`` and dropped with ``0``.

``python -m toolkit.validation.adjudication corpora`` lists the disagreements still open
(adding them to ``adjudication.csv`` with an empty ``gold``) and writes
``gold.csv`` / ``links.csv`` for every case whose disagreements are all
settled.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from ..codebook import Codebook, load_codebook
from .coding import LINK_COLUMNS, coded_columns, read_coding, read_links
from .corpora import CODINGS
from ..errors import Errors, InputError, where
from ..io.tables import write_table

ADJUDICATION_FILE = "adjudication.csv"
ADJUDICATION_COLUMNS = ("item", "id", "dimension", "coder_a", "coder_b", "gold", "reason")
KEY = ["item", "id", "dimension"]
NO_LABEL = "(none)"


@dataclass
class Adjudicated:
    """One case's adjudication: every disagreement, and the gold coding when all are settled.

    Attributes:
        disagreements: ``adjudication.csv`` rows (settled ones with ``gold`` and ``reason``).
        gold: the gold coding (``coder_a.csv`` shape), or ``None`` while a disagreement is open.
        links: the gold links, or ``None`` while a disagreement is open.
    """

    disagreements: pd.DataFrame
    gold: pd.DataFrame | None
    links: pd.DataFrame | None

    @property
    def open(self) -> pd.DataFrame:
        """Disagreements without a gold value yet."""
        return self.disagreements[self.disagreements["gold"] == ""]


def _link_ids(links: pd.DataFrame) -> set[str]:
    return {f"{c}>{e}:{r}" for c, e, r in links[list(LINK_COLUMNS)].itertuples(index=False, name=None)}


def disagreements(
    a: pd.DataFrame, b: pd.DataFrame, links_a: pd.DataFrame, links_b: pd.DataFrame, book: Codebook
) -> pd.DataFrame:
    """Every (statement, dimension) cell and every link triple on which the two codings differ."""
    columns = [c for c in coded_columns(book) if c in a.columns or c in b.columns]
    a = a.set_index("statement_id")
    b = b.set_index("statement_id")
    rows = []
    for statement in a.index.union(b.index, sort=False):
        for column in columns:
            value_a = a[column].get(statement, "") if column in a.columns else ""
            value_b = b[column].get(statement, "") if column in b.columns else ""
            if value_a != value_b:
                rows.append(("statement", statement, column, value_a, value_b))
    ids_a, ids_b = _link_ids(links_a), _link_ids(links_b)
    for link in sorted(ids_a ^ ids_b):
        rows.append(("link", link, "", str(int(link in ids_a)), str(int(link in ids_b))))
    frame = pd.DataFrame(rows, columns=list(ADJUDICATION_COLUMNS[:5]))
    frame["gold"] = ""
    frame["reason"] = ""
    return frame


def _read_decisions(path: Path) -> pd.DataFrame:
    if not path.is_file():
        return pd.DataFrame(columns=list(ADJUDICATION_COLUMNS))
    # Not read_frame: a case whose coders agree everywhere has a header-only adjudication.csv.
    frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    for column in ADJUDICATION_COLUMNS:
        if column not in frame.columns:
            raise InputError(Errors.E068.format(where=where(str(path), column=column), value=column))
    return frame[list(ADJUDICATION_COLUMNS)]


def adjudicate(directory: str | Path, book: Codebook | None = None) -> Adjudicated:
    """Merge a case's two codings with the decisions of its ``adjudication.csv``.

    Args:
        directory: a corpus directory holding ``coder_a.csv``, ``coder_b.csv``, ``links_a.csv``, ``links_b.csv``.
        book: the codebook whose labels are allowed (the bundled one when ``None``).

    Raises:
        InputError: a malformed coding, links or adjudication file, or a gold value that is not a codebook label.
    """
    directory = Path(directory)
    book = book or load_codebook()
    codings = {}
    for coder in ("coder_a", "coder_b"):
        coding_file, links_file = CODINGS[coder]
        coding = read_coding(directory / coding_file, book, case_id=directory.name)
        codings[coder] = coding, read_links(directory / links_file)
    (a, links_a), (b, links_b) = codings["coder_a"], codings["coder_b"]
    found = disagreements(a, b, links_a, links_b, book)
    decided = _read_decisions(directory / ADJUDICATION_FILE)
    merged = found.drop(columns=["gold", "reason"]).merge(decided[KEY + ["gold", "reason"]], on=KEY, how="left")
    merged[["gold", "reason"]] = merged[["gold", "reason"]].fillna("")
    if (merged["gold"] == "").any():
        return Adjudicated(merged, None, None)
    gold = a.set_index("statement_id").copy()
    for row in merged[merged["item"] == "statement"].itertuples(index=False):
        gold.at[row.id, row.dimension] = "" if row.gold == NO_LABEL else row.gold
    gold = gold.reset_index().drop(columns=["case_id"])
    # Validate the adjudicated labels exactly as a coder's file is validated.
    gold = read_coding(gold, book, case_id=directory.name).drop(columns=["case_id"])
    kept = (_link_ids(links_a) & _link_ids(links_b)) | {
        row.id for row in merged[merged["item"] == "link"].itertuples(index=False) if row.gold == "1"
    }
    links = links_a.merge(links_b, how="outer")[list(LINK_COLUMNS)]
    keep = np.asarray([f"{c}>{e}:{r}" in kept for c, e, r in links.itertuples(index=False, name=None)], dtype=bool)
    links = links.loc[keep]
    return Adjudicated(merged, gold, links.reset_index(drop=True))


def write_adjudication(directory: str | Path, adjudicated: Adjudicated) -> list[Path]:
    """``adjudication.csv`` always; ``gold.csv`` and ``links.csv`` when every disagreement is settled."""
    directory = Path(directory)
    paths = [directory / ADJUDICATION_FILE]
    write_table(adjudicated.disagreements, paths[0])
    if adjudicated.gold is not None:
        for name, frame in (("gold.csv", adjudicated.gold), ("links.csv", adjudicated.links)):
            write_table(frame, directory / name)
            paths.append(directory / name)
    return paths


def main(argv: list[str] | None = None) -> None:
    """``python -m toolkit.validation.adjudication [ROOT] [--case NAME ...]``: open disagreements, and gold where settled."""
    import argparse

    parser = argparse.ArgumentParser(prog="python -m toolkit.validation.adjudication", description=main.__doc__)
    parser.add_argument("root", nargs="?", default="corpora", help="corpora root")
    parser.add_argument("--case", nargs="*", default=None, help="only these case directories")
    args = parser.parse_args(argv)
    root = Path(args.root)
    book = load_codebook()
    names = args.case or sorted(p.name for p in root.iterdir() if (p / CODINGS["coder_b"][0]).is_file())
    for name in names:
        adjudicated = adjudicate(root / name, book)
        write_adjudication(root / name, adjudicated)
        state = "gold written" if adjudicated.gold is not None else f"{len(adjudicated.open)} open"
        print(f"{name}: {len(adjudicated.disagreements)} disagreements, {state}")


if __name__ == "__main__":
    main()
