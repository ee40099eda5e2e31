"""What export and import share: QDA-XML namespaces, deterministic GUIDs, the code tree, report colours.

REFI-QDA (QDA-XML 1.0) names every object by a GUID. The toolkit derives
them with :func:`uuid.uuid5` from a fixed namespace and a stable key (the
label id ``dimension.label``, the statement's ``case_id/statement_id``…), so
the same label always gets the same GUID, a project exported twice from the
same output is byte-identical, and an importer can recognise the toolkit's
codes by GUID even after a coder has renamed them.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from ..codebook import Codebook

PROJECT_NS = "urn:QDA-XML:project:1.0"
CODEBOOK_NS = "urn:QDA-XML:codebook:1.0"
NAMESPACE = uuid.UUID("078ce929-a888-4184-b382-55f463914416")
"""Fixed namespace of every GUID the toolkit writes (never change it: GUIDs would change)."""

CORRECTIVE = "corrective"
UNCOUNTED = "not counted (negated or reported)"
"""Top-level code holding tags that did not set a label: a coder sees them, the importer leaves them out."""
UNCOUNTED_KEY = "uncounted"
ORIGIN = "toolkit"
DEFAULT_COLOUR = "#777777"

_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def guid(kind: str, key: str) -> str:
    """The GUID of one object: upper-case like the QDA suites write them, stable across runs."""
    return str(uuid.uuid5(NAMESPACE, f"{kind}:{key}")).upper()


def xml_text(value: object) -> str:
    """``value`` as a string XML 1.0 can hold (control characters it forbids become U+FFFD)."""
    return _XML_INVALID.sub("\ufffd", str(value))


@lru_cache(maxsize=1)
def report_colours() -> dict[str, str]:
    """Dimension -> colour, read from the report stylesheet's ``:root`` variables (one source of truth)."""
    css = (resources.files("toolkit") / "report" / "templates" / "report.css").read_text(encoding="utf-8")
    root = re.search(r":root\s*\{([^}]*)\}", css)
    return dict(re.findall(r"--([\w-]+):\s*(#[0-9A-Fa-f]{3,6})", root.group(1))) if root else {}


@dataclass(frozen=True)
class Code:
    """One node of the exported code tree."""

    guid: str
    name: str
    codable: bool
    colour: str
    description: str
    children: tuple["Code", ...] = ()


def code_key(dimension: str, label: str | None = None, *, counted: bool = True) -> str:
    """The stable id a code's GUID is derived from: ``dimension[.label]``, prefixed for the uncounted branch."""
    key = dimension if label is None else f"{dimension}.{label}"
    return key if counted else f"{UNCOUNTED_KEY}/{key}"


def _dimension_codes(book: Codebook, counted: bool) -> tuple[Code, ...]:
    colours = report_colours()
    codes = []
    for dim in book.dimensions.values():
        colour = colours.get(dim.name, colours.get("other", DEFAULT_COLOUR))
        labels = tuple(
            Code(guid("code", code_key(dim.name, name, counted=counted)), name, True, colour, label.definition)
            for name, label in dim.labels.items()
        )
        codes.append(Code(guid("code", code_key(dim.name, counted=counted)), dim.name, False, colour, dim.description, labels))
    return tuple(codes)


def code_tree(book: Codebook, uncounted: bool = True) -> tuple[Code, ...]:
    """``corrective``, one code per dimension with its labels, and (optionally) the uncounted branch."""
    colour = report_colours().get("other", DEFAULT_COLOUR)
    tree = [
        Code(guid("code", CORRECTIVE), CORRECTIVE, True, colour,
             "The statement is corrective (CODEBOOK §1): coded on the whole statement."),
        *_dimension_codes(book, counted=True),
    ]
    if uncounted:
        tree.append(
            Code(guid("code", UNCOUNTED_KEY), UNCOUNTED, False, colour,
                 "Tags that set no label: negated, reported speech, or on a statement that is not corrective.",
                 _dimension_codes(book, counted=False))
        )
    return tuple(tree)
