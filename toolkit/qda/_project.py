"""Read a REFI-QDA project (``.qdpx`` zip or bare ``project.qde``) into plain records.

Tolerant of what real QDA suites write: the archive member may be
``project.qde`` or ``Project.qde``, the sources folder ``sources/`` or
``Sources/``, and a plain-text file may start with a byte-order mark (not
part of the text: offsets count code points of the text itself). Element
names are matched without their namespace.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree import ElementTree as ET

from ..errors import Errors, InputError, Warnings, warn

INTERNAL = "internal://"


@dataclass(frozen=True)
class QdaCode:
    guid: str
    path: tuple[str, ...]
    """Names from the top-level code down to this one."""


@dataclass
class Selection:
    guid: str
    start: int
    end: int
    codes: list[str] = field(default_factory=list)


@dataclass
class Source:
    guid: str
    name: str
    kind: str
    text: str | None
    missing: str = ""
    """Why ``text`` is None."""
    variables: dict[str, str] = field(default_factory=dict)
    selections: list[Selection] = field(default_factory=list)
    textual: bool = True
    """A text source, or another source with a plain-text representation (a PDF's text)."""


@dataclass(frozen=True)
class Link:
    guid: str
    name: str
    origin: str
    target: str


@dataclass
class QdaProject:
    name: str
    origin: str
    codes: dict[str, QdaCode]
    sources: list[Source]
    cases: dict[str, str]
    """Source GUID -> name of the first case holding it."""
    links: list[Link]


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _children(node: ET.Element, name: str) -> list[ET.Element]:
    return [child for child in node if _local(child.tag) == name]


def _child(node: ET.Element, name: str) -> ET.Element | None:
    found = _children(node, name)
    return found[0] if found else None


def _key(value: str) -> str:
    return value.strip("{}").upper()


class _Files:
    """The ``sources`` files next to the project: in the archive, or in a folder beside a bare ``.qde``."""

    def __init__(self, path: Path, archive: zipfile.ZipFile | None):
        self.archive = archive
        if archive is not None:
            self.names = {n.lower(): n for n in archive.namelist()}
        else:
            self.names = {
                f"sources/{f.name.lower()}": f for d in ("sources", "Sources") if (path.parent / d).is_dir()
                for f in (path.parent / d).iterdir()
            }

    def text(self, reference: str) -> tuple[str | None, str]:
        if not reference.startswith(INTERNAL):
            return None, f"external file {reference}"
        member = self.names.get(f"sources/{reference[len(INTERNAL):].lower()}")
        if member is None:
            return None, f"{reference} is not in the project"
        data = self.archive.read(member) if self.archive is not None else Path(member).read_bytes()
        try:
            return data.decode("utf-8-sig"), ""
        except UnicodeDecodeError:
            return None, f"{reference} is not UTF-8"


def _codes(node: ET.Element, parent: tuple[str, ...], out: dict[str, QdaCode]) -> None:
    for code in _children(node, "Code"):
        path = (*parent, code.get("name", ""))
        out[_key(code.get("guid", ""))] = QdaCode(_key(code.get("guid", "")), path)
        _codes(code, path, out)


def _selections(node: ET.Element, length: int | None, at: str) -> list[Selection]:
    selections = []
    whole = [_key(ref.get("targetGUID", "")) for c in _children(node, "Coding") for ref in _children(c, "CodeRef")]
    if whole:  # codings of the whole source
        selections.append(Selection(_key(node.get("guid", "")), 0, length or 0, whole))
    for selection in _children(node, "PlainTextSelection"):
        codes = [_key(ref.get("targetGUID", "")) for c in _children(selection, "Coding") for ref in _children(c, "CodeRef")]
        try:
            start, end = int(selection.get("startPosition", "")), int(selection.get("endPosition", ""))
        except ValueError:
            raise InputError(Errors.E094.format(
                where=f"{at}, selection {selection.get('guid')}", detail="startPosition/endPosition not integers")) from None
        selections.append(Selection(_key(selection.get("guid", "")), start, end, codes))
    return selections


def _variables(node: ET.Element, names: dict[str, str]) -> dict[str, str]:
    values = {}
    for value in _children(node, "VariableValue"):
        ref = _child(value, "VariableRef")
        content = [child.text or "" for child in value if _local(child.tag) != "VariableRef"]
        if ref is not None and content:
            values[names.get(_key(ref.get("targetGUID", "")), "")] = content[0].strip()
    return values


def _source(node: ET.Element, files: _Files, variable_names: dict[str, str], at: str) -> Source:
    """A source; a PDF (or other) source is read through its plain-text ``<Representation>`` when it has one."""
    kind = _local(node.tag)
    textual = node if kind == "TextSource" else _child(node, "Representation")
    text, missing = None, "not a text source"
    if textual is not None:
        content = _child(textual, "PlainTextContent")
        if content is not None:
            text, missing = content.text or "", ""
        elif textual.get("plainTextPath"):
            text, missing = files.text(textual.get("plainTextPath"))
        else:
            missing = "neither PlainTextContent nor plainTextPath"
    selections = _selections(textual, None if text is None else len(text), at) if textual is not None else []
    return Source(_key(node.get("guid", "")), node.get("name", ""), kind, text, missing,
                  _variables(node, variable_names), selections, textual is not None)


def _open(path: Path) -> tuple[bytes, zipfile.ZipFile | None]:
    if not path.is_file():
        raise InputError(Errors.E094.format(where=str(path), detail="no such file"))
    if zipfile.is_zipfile(path):
        archive = zipfile.ZipFile(path)
        return archive.read(_project_member(path, archive.namelist())), archive
    return path.read_bytes(), None


def _project_member(path: Path, names: list[str]) -> str:
    """``project.qde`` as the standard names it; else the one ``.qde`` at the archive's root, announced
    (ATLAS.ti 26 names it after the project, e.g. ``Trial.qde``)."""
    member = next((n for n in names if n.lower() == "project.qde"), None)
    if member is not None:
        return member
    found = [n for n in names if n.lower().endswith(".qde") and "/" not in n]
    if len(found) != 1:
        detail = "no project.qde in the archive" if not found else f"no project.qde and several .qde files: {', '.join(found)}"
        raise InputError(Errors.E094.format(where=str(path), detail=detail))
    warn(Warnings.W098.format(source=path, name=found[0]))
    return found[0]


def read_project(path: str | Path) -> QdaProject:
    """Codes, text sources (with their text, variables and coded selections), cases and links of a project.

    Raises:
        InputError: not a zip holding ``project.qde``, not XML, or not a QDA-XML ``<Project>`` (E094).
    """
    path = Path(path)
    data, archive = _open(path)
    try:
        root = ET.fromstring(data)
    except ET.ParseError as exc:
        raise InputError(Errors.E094.format(where=f"{path}, line {exc.position[0]}", detail=f"not XML: {exc}")) from None
    if _local(root.tag) != "Project":
        raise InputError(Errors.E094.format(where=str(path), detail=f"root element is <{_local(root.tag)}>, not <Project>"))
    codes: dict[str, QdaCode] = {}
    for codebook in _children(root, "CodeBook"):
        for codes_node in _children(codebook, "Codes"):
            _codes(codes_node, (), codes)
    variable_names = {
        _key(v.get("guid", "")): v.get("name", "") for vs in _children(root, "Variables") for v in _children(vs, "Variable")
    }
    try:
        files = _Files(path, archive)
        sources = [_source(node, files, variable_names, str(path)) for s in _children(root, "Sources") for node in s]
    finally:
        if archive is not None:
            archive.close()
    cases: dict[str, str] = {}
    for case in (c for cs in _children(root, "Cases") for c in _children(cs, "Case")):
        for ref in _children(case, "SourceRef"):
            cases.setdefault(_key(ref.get("targetGUID", "")), case.get("name", ""))
    links = [
        Link(_key(link.get("guid", "")), link.get("name", ""), _key(link.get("originGUID", "")),
             _key(link.get("targetGUID", "")))
        for ls in _children(root, "Links") for link in _children(ls, "Link")
    ]
    return QdaProject(root.get("name", ""), root.get("origin", ""), codes, sources, cases, links)
