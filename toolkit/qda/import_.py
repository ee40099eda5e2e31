"""Turn a REFI-QDA project coded by people into ``gold.csv`` (and ``links.csv``) for evaluate and agreement.

A text source is one statement: its ``case_id`` and ``statement_id`` come
from the variables of those names (what ``toolkit export`` writes), else
from the case holding it and its name (``case/statement`` or the bare
statement id). A code is recognised by the GUID ``toolkit export`` gave it,
else by its name path — nested codes (``blame_shift`` > ``external_attacker``)
or one name with ``::``, ``/`` or ``:`` between dimension and label, as
ATLAS.ti flattens them. The ``corrective`` code marks a corrective
statement; a label coded anywhere in a statement sets it. Whatever cannot be
used is announced in one warning line each and never dropped silently:
unknown codes, sources without text, overlapping selections of one code,
several labels in a single-label dimension, offsets outside the text, links
that are not a relation between two coded statements.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from ..codebook import Codebook
from ..validation.coding import CORRECTIVE, RELATIONS, coded_columns, is_single, read_coding, read_links
from ..errors import Errors, InputError, Warnings, warn
from ..io.tables import write_table
from ._project import QdaProject, Source, read_project
from ._schema import UNCOUNTED, UNCOUNTED_KEY, Code, code_tree

_SEPARATORS = re.compile(r"\s*(?:::|/|:)\s*")


@dataclass
class ImportedCoding:
    """What a QDA project says, in the shapes ``toolkit evaluate`` and ``toolkit agreement`` read."""

    gold: pd.DataFrame
    links: pd.DataFrame

    def write(self, directory: str | Path) -> list[Path]:
        """``gold.csv`` and, when there are links, ``links.csv`` in ``directory`` (atomically)."""
        directory = Path(directory)
        written = [directory / "gold.csv"]
        write_table(self.gold, written[0])
        if len(self.links):
            written.append(directory / "links.csv")
            write_table(self.links, written[1])
        return written


def _toolkit_codes(book: Codebook) -> tuple[dict[str, tuple], dict[tuple, tuple]]:
    """Target of each toolkit code by GUID and by lower-cased name path.

    A target is ``("corrective",)``, ``("label", dimension, label)`` or ``("uncounted", dimension, label)``.
    """
    by_guid: dict[str, tuple] = {}
    by_path: dict[tuple, tuple] = {}

    def walk(codes: tuple[Code, ...], path: tuple[str, ...], branch: str) -> None:
        for code in codes:
            here = (*path, code.name)
            if code.name == UNCOUNTED:
                walk(code.children, here, UNCOUNTED_KEY)
                continue
            if len(here) == 1 and code.name == CORRECTIVE:
                target = (CORRECTIVE,)
            elif code.children or not path:
                walk(code.children, here, branch)
                continue
            else:
                target = (branch, path[-1], code.name)
            by_guid[code.guid] = target
            by_path[tuple(p.lower() for p in here)] = target

    walk(code_tree(book, uncounted=True), (), "label")
    return by_guid, by_path


def _resolve(project: QdaProject, book: Codebook) -> dict[str, tuple]:
    """Project code GUID -> toolkit target, for the codes that have one."""
    by_guid, by_path = _toolkit_codes(book)
    resolved = {}
    for key, code in project.codes.items():
        names = tuple(part.lower() for name in code.path for part in _SEPARATORS.split(name.strip()) if part)
        target = by_guid.get(key)
        for size in (3, 2, 1):  # the deepest matching tail: branch/dimension/label, dimension/label, corrective
            if target is None and len(names) >= size:
                target = by_path.get(names[-size:])
        if target is not None and target[0] == "label" and UNCOUNTED.lower() in names[:-2]:
            target = (UNCOUNTED_KEY, *target[1:])
        if target is not None:
            resolved[key] = target
    return resolved


def _identity(source: Source, project: QdaProject) -> tuple[str, str]:
    case = source.variables.get("case_id") or project.cases.get(source.guid, "")
    statement = source.variables.get("statement_id") or source.name or source.guid
    if "statement_id" not in source.variables:
        head, sep, tail = statement.partition("/")
        if sep and (not case or head == case):
            case, statement = head, tail
    return case.strip(), statement.strip()


def _check_overlaps(source: Source, name: str, codings: list[tuple[int, int, str]], labels: dict) -> None:
    by_code = defaultdict(list)
    for start, end, code in codings:
        by_code[code].append((start, end))
    for code, spans in by_code.items():
        spans.sort()
        for (s1, e1), (s2, e2) in zip(spans, spans[1:]):
            if s2 < e1:
                warn(Warnings.W093.format(source=name, name=source.name, first=f"{s1}:{e1}", second=f"{s2}:{e2}",
                                          code=":".join(labels.get(code, (code,))[1:]) or code))


def _statement_row(source: Source, project: QdaProject, book: Codebook, resolved: dict, name: str,
                   tally: Counter) -> dict[str, str]:
    case, statement = _identity(source, project)
    columns = {dimension: column for column, dimension in book.columns.items()}
    row = {"case_id": case, "statement_id": statement, CORRECTIVE: "0", **{c: [] for c in book.columns}}
    codings = []
    for selection in source.selections:
        if source.text is not None and not 0 <= selection.start <= selection.end <= len(source.text):
            warn(Warnings.W095.format(source=name, name=source.name, start=selection.start, end=selection.end,
                                      length=len(source.text)))
        for code in dict.fromkeys(selection.codes):
            target = resolved.get(code)
            if target is None:
                tally[("unknown", code)] += 1
            elif target[0] == CORRECTIVE:
                row[CORRECTIVE] = "1"
            elif target[0] == UNCOUNTED_KEY:
                tally[("uncounted", "")] += 1
            elif target[1] not in columns:
                tally[("no column", target[1])] += 1
            else:
                row[columns[target[1]]].append((selection.start, target[2]))
                codings.append((selection.start, selection.end, code))
    _check_overlaps(source, name, codings, resolved)
    for column in book.columns:
        ordered = list(dict.fromkeys(label for _, label in sorted(row[column])))
        if is_single(book, column) and len(ordered) > 1:
            warn(Warnings.W094.format(source=name, name=source.name, count=len(ordered), dimension=column,
                                      labels=", ".join(ordered), kept=ordered[0]))
            ordered = ordered[:1]
        row[column] = ";".join(sorted(ordered))
    return row


def _announce(tally: Counter, project: QdaProject, name: str) -> None:
    for (kind, key), count in tally.items():
        if kind == "unknown":
            code = project.codes.get(key)
            label = " > ".join(code.path) if code else "(not in the project's codebook)"
            warn(Warnings.W091.format(source=name, name=label, guid=key, count=count))
    uncounted = tally[("uncounted", "")]
    if uncounted:
        warn(Warnings.W097.format(source=name, count=uncounted, what=f"'{UNCOUNTED}'"))
    no_column = {key: n for (kind, key), n in tally.items() if kind == "no column"}
    if no_column:
        warn(Warnings.W097.format(source=name, count=sum(no_column.values()),
                                  what="dimensions without a coding column (" + ", ".join(sorted(no_column)) + ")"))


def _links(project: QdaProject, statements: dict[str, tuple[str, str]], name: str) -> pd.DataFrame:
    rows = []
    for link in project.links:
        relation = link.name.strip().lower()
        ends = statements.get(link.origin), statements.get(link.target)
        if relation not in RELATIONS:
            reason = f"its name is not a relation ({', '.join(RELATIONS)})"
        elif None in ends:
            reason = "an end is not a selection or text source of a statement"
        else:
            rows.append({"case_id": ends[0][0], "claim_statement_id": ends[0][1],
                         "evidence_statement_id": ends[1][1], "relation": relation})
            continue
        warn(Warnings.W096.format(source=name, name=link.name, guid=link.guid, reason=reason))
    return pd.DataFrame(rows, columns=["case_id", "claim_statement_id", "evidence_statement_id", "relation"])


def import_qda(path: str | Path, book: Codebook) -> ImportedCoding:
    """The coding of a REFI-QDA project (``.qdpx`` or ``.qde``) as gold coding and gold links.

    Raises:
        InputError: the file is not a REFI-QDA project (E094), two sources are the same statement (E095),
            or the result is not valid coding (the checks of :func:`toolkit.validation.coding.read_coding`).
    """
    project = read_project(path)
    name = str(path)
    resolved = _resolve(project, book)
    tally: Counter = Counter()
    rows, seen, ends = [], {}, {}
    for source in project.sources:
        if source.text is None:
            detail = "its codings are kept; their offsets cannot be checked" if source.textual else "left out"
            warn(Warnings.W092.format(source=name, kind=source.kind, name=source.name, reason=source.missing,
                                      detail=detail))
            if not source.textual:
                continue
        row = _statement_row(source, project, book, resolved, name, tally)
        key = (row["case_id"], row["statement_id"])
        if key in seen:
            raise InputError(Errors.E095.format(where=name, first=seen[key], second=source.name, value=key[1],
                                                case=key[0]))
        seen[key] = source.name
        rows.append(row)
        ends.update({s.guid: key for s in source.selections} | {source.guid: key})
    _announce(tally, project, name)
    if not rows:
        raise InputError(Errors.E094.format(where=name, detail="no text source to read as a statement"))
    frame = pd.DataFrame(rows, columns=["case_id", "statement_id", *coded_columns(book)])
    gold = read_coding(frame, book)
    links = _links(project, ends, name)
    return ImportedCoding(gold, read_links(links) if len(links) else links)
