"""Read and validate human coding: gold files, a second coder's file, gold links.

A coding file (``corpora/CODING.md``) has ``statement_id``, optionally
``case_id``, and one column per coded dimension: ``corrective`` (0/1) and the
``statements.csv`` label columns of the codebook in force (``audience``,
``blame_shift``, ``remediation``, ``strategies`` and any column a user
codebook adds), with ``;``-joined labels, empty when none. Columns the
codebook does not know (notes, coder names) are ignored. Every label is
checked against the codebook, so a typo is an error naming the file, row and
column rather than a silent false negative.

A links file has ``claim_statement_id, evidence_statement_id, relation`` and
optionally ``case_id``.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..codebook import Codebook
from ..errors import Errors, InputError, where
from ..io.statements import read_frame

CORRECTIVE = "corrective"
RELATIONS = ("contradicts", "supports")
LINK_COLUMNS = ("claim_statement_id", "evidence_statement_id", "relation")


def coded_columns(book: Codebook) -> dict[str, str]:
    """Coding column -> codebook dimension (``corrective`` maps to itself), in codebook order."""
    return {CORRECTIVE: CORRECTIVE, **book.columns}


def column_labels(book: Codebook, column: str) -> list[str]:
    """The labels a coding column may hold, in codebook order."""
    if column == CORRECTIVE:
        return ["1"]
    return list(book.dimensions[book.columns[column]].labels)


def is_single(book: Codebook, column: str) -> bool:
    """Whether a coding column holds at most one label per statement."""
    return column == CORRECTIVE or book.dimensions[book.columns[column]].cardinality == "single"


def split_labels(cell: str) -> list[str]:
    """``"a;b"`` -> ``["a", "b"]``; empty cells give no label."""
    return [part.strip() for part in str(cell).split(";") if part.strip()]


def read_coding(source: str | Path | pd.DataFrame, book: Codebook, case_id: str | None = None) -> pd.DataFrame:
    """A validated coding table: ``case_id``, ``statement_id`` and the coded columns it has.

    Args:
        source: a coding file (``.csv``, ``.parquet``, ``.jsonl``) or a DataFrame.
        book: the codebook whose labels are allowed.
        case_id: ``case_id`` for a file without that column (left empty otherwise,
            to be resolved against the statements by :func:`attach_cases`).

    Returns:
        One row per coded statement; ``corrective`` as ``"0"``/``"1"``, label columns
        with sorted ``;``-joined labels.

    Raises:
        InputError: naming the file, row and column of the first problem.
    """
    frame, name = read_frame(source)
    if "statement_id" not in frame.columns:
        raise InputError(Errors.E060.format(where=where(name, column="statement_id")))
    known = coded_columns(book)
    columns = [c for c in known if c in frame.columns]
    if not columns:
        raise InputError(Errors.E061.format(where=name, allowed=", ".join(known)))
    out = pd.DataFrame(
        {
            "case_id": frame["case_id"].str.strip() if "case_id" in frame.columns else (case_id or ""),
            "statement_id": frame["statement_id"].str.strip(),
        }
    )
    for column in columns:
        allowed = column_labels(book, column)
        values = []
        for i, cell in enumerate(frame[column]):
            at = where(name, i + 1, column)
            if column == CORRECTIVE:
                value = cell.strip() or "0"
                if value not in ("0", "1"):
                    raise InputError(Errors.E063.format(where=at, value=cell))
                values.append(value)
                continue
            labels = split_labels(cell)
            for label in labels:
                if label not in allowed:
                    raise InputError(
                        Errors.E062.format(where=at, value=label, dimension=column, allowed=", ".join(allowed))
                    )
            if is_single(book, column) and len(labels) > 1:
                raise InputError(Errors.E064.format(where=at, count=len(labels), value=cell))
            values.append(";".join(sorted(set(labels))))
        out[column] = values
    for i, value in enumerate(out["statement_id"]):
        if not value:
            raise InputError(Errors.E068.format(where=where(name, i + 1, "statement_id"), value="statement_id"))
    if (out["case_id"] != "").all():
        _check_unique(out, name)
    return out


def _check_unique(frame: pd.DataFrame, name: str) -> None:
    """A statement coded twice (same case and statement id) is an error naming its row."""
    duplicated = frame.duplicated(["case_id", "statement_id"])
    if duplicated.any():
        i = int(duplicated.to_numpy().nonzero()[0][0])
        raise InputError(
            Errors.E006.format(
                where=where(name, i + 1, "statement_id"), value=frame.at[i, "statement_id"], case=frame.at[i, "case_id"]
            )
        )


def read_links(source: str | Path | pd.DataFrame, case_id: str | None = None) -> pd.DataFrame:
    """Validated gold links: ``case_id, claim_statement_id, evidence_statement_id, relation``, deduplicated.

    A CSV file holding only its header (or nothing), or an empty DataFrame,
    means "no links": a coder who found none writes the header alone.

    Raises:
        InputError: a missing column or an unknown relation, with file, row and column.
    """
    if isinstance(source, pd.DataFrame) and source.empty:
        return pd.DataFrame(columns=["case_id", *LINK_COLUMNS])
    if isinstance(source, (str, Path)) and Path(source).suffix.lower() == ".csv" and Path(source).is_file():
        if len(Path(source).read_text(encoding="utf-8-sig").strip().splitlines()) <= 1:
            return pd.DataFrame(columns=["case_id", *LINK_COLUMNS])
    frame, name = read_frame(source)
    for column in LINK_COLUMNS:
        if column not in frame.columns:
            raise InputError(Errors.E068.format(where=where(name, column=column), value=column))
    for i, value in enumerate(frame["relation"]):
        if value.strip() not in RELATIONS:
            raise InputError(
                Errors.E067.format(where=where(name, i + 1, "relation"), value=value, allowed=", ".join(RELATIONS))
            )
    out = pd.DataFrame(
        {
            "case_id": frame["case_id"].str.strip() if "case_id" in frame.columns else (case_id or ""),
            **{column: frame[column].str.strip() for column in LINK_COLUMNS},
        }
    )
    return out.drop_duplicates().reset_index(drop=True)


def attach_cases(coding: pd.DataFrame, statements: pd.DataFrame, name: str) -> pd.DataFrame:
    """Fill an empty ``case_id`` from the statements when they hold a single case.

    Raises:
        InputError: the coding has no case ids and the statements hold several cases.
    """
    if (coding["case_id"] != "").all():
        return coding
    cases = list(dict.fromkeys(statements["case_id"]))
    if len(cases) != 1:
        raise InputError(
            Errors.E066.format(where=where(name, column="case_id"), count=len(cases), cases=", ".join(cases[:5]))
        )
    coding = coding.copy()
    coding.loc[coding["case_id"] == "", "case_id"] = cases[0]
    if "statement_id" in coding.columns and "claim_statement_id" not in coding.columns:
        _check_unique(coding, name)
    return coding


def coding_from_statements(statements: pd.DataFrame, book: Codebook) -> pd.DataFrame:
    """The toolkit's own coding (``result.statements``) in coding-file shape."""
    columns = [c for c in coded_columns(book) if c in statements.columns]
    out = statements[["case_id", "statement_id", *columns]].copy()
    out[CORRECTIVE] = out[CORRECTIVE].astype(int).astype(str)
    return out.reset_index(drop=True)
