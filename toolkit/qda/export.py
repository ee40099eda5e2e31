"""Write an analyze output directory as a REFI-QDA project (``.qdpx``) or its codebook alone (``.qdc``).

The project holds the codebook in force as nested codes (``corrective``;
dimension -> label; optionally the tags that set no label under a separate
branch), one ``<Case>`` per case, one ``<TextSource>`` per statement (its
text under ``sources/``, its metadata as variables), one
``<PlainTextSelection>`` per tagged span with a ``<Coding>`` per label, and
one ``<Link>`` per evidence link (claim span -> evidence span, named by its
relation; strength, lag and rule in a note). Offsets are Python string
indices, i.e. Unicode code points, which is how QDA-XML 1.0 counts them
(§10.2); the source files are written as the exact UTF-8 of the analysed
text, CRLF included. Nothing depends on the clock or on dict order, so the
same output directory always gives the same bytes.
"""

from __future__ import annotations

import io
import json
import zipfile
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree import ElementTree as ET

import pandas as pd

from ..codebook import Codebook
from ..errors import Errors, InputError, where, warn, Warnings
from ..io.tables import read_table, write_atomic
from ..report.highlight import tag_description
from ._schema import (
    CODEBOOK_NS, CORRECTIVE, ORIGIN, PROJECT_NS, Code, code_key, code_tree, guid, xml_text,
)

TABLES = ("statements", "tags", "links")
VARIABLES = ("case_id", "statement_id", "speaker", "speaker_role", "timestamp", "channel", "language", "source_url")
"""Statement columns written as QDA variables (``case_id``/``statement_id`` let the importer find the statement)."""
ZIP_DATE = (1980, 1, 1, 0, 0, 0)
USER = guid("user", ORIGIN)


@dataclass
class _Span:
    """One selection: a span of a statement and the codes (with their tags' descriptions) on it."""

    start: int
    end: int
    codes: dict[str, list[str]] = field(default_factory=dict)


def read_output(directory: Path) -> dict[str, pd.DataFrame]:
    """``statements``, ``tags`` and ``links`` of an analyze output directory, as strings.

    Raises:
        InputError: a table is missing (E090).
    """
    frames = {}
    for name in TABLES:
        path = Path(directory) / f"{name}.csv"
        if not path.is_file():
            raise InputError(Errors.E090.format(path=path))
        frames[name] = read_table(path)
    return frames


def _check_codebook(directory: Path, book: Codebook) -> None:
    provenance = Path(directory) / "provenance.json"
    if provenance.is_file():
        digest = json.loads(provenance.read_text(encoding="utf-8")).get("codebook_digest")
        if digest and digest != book.digest:
            warn(Warnings.W090.format(path=provenance))


def _element(parent: ET.Element, tag: str, ns: str = PROJECT_NS, text: str | None = None, **attributes) -> ET.Element:
    node = ET.SubElement(parent, f"{{{ns}}}{tag}", {k: xml_text(v) for k, v in attributes.items() if v is not None})
    if text is not None:
        node.text = xml_text(text)
    return node


def _add_codes(parent: ET.Element, codes: tuple[Code, ...], ns: str) -> None:
    for code in codes:
        node = _element(parent, "Code", ns, guid=code.guid, name=code.name,
                        isCodable="true" if code.codable else "false", color=code.colour)
        if code.description:
            _element(node, "Description", ns, text=code.description)
        _add_codes(node, code.children, ns)


def _serialise(root: ET.Element, ns: str) -> bytes:
    ET.register_namespace("", ns)
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"


def codebook_xml(book: Codebook, uncounted: bool = True) -> bytes:
    """The codebook as a REFI-QDA ``.qdc`` document (``urn:QDA-XML:codebook:1.0``)."""
    root = ET.Element(f"{{{CODEBOOK_NS}}}CodeBook", {"origin": ORIGIN})
    _add_codes(_element(root, "Codes", CODEBOOK_NS), code_tree(book, uncounted), CODEBOOK_NS)
    return _serialise(root, CODEBOOK_NS)


def _span(text: str, start: str, end: str, at: str) -> tuple[int, int]:
    s, e = int(start), int(end)
    if not 0 <= s < e <= len(text):
        raise InputError(Errors.E092.format(where=at, start=s, end=e, length=len(text)))
    return s, e


def _selections(frames: dict[str, pd.DataFrame], book: Codebook, uncounted: bool, source: str) -> dict[tuple, dict]:
    """(case_id, statement_id) -> {(start, end): _Span} from corrective flags, tags and link endpoints."""
    statements = frames["statements"]
    texts = dict(zip(zip(statements["case_id"], statements["statement_id"]), statements["text"]))
    spans: dict[tuple, dict] = defaultdict(dict)

    def add(key, start, end, code=None, description=None):
        entry = spans[key].setdefault((start, end), _Span(start, end))
        if code:
            entry.codes.setdefault(code, []).append(description)

    for key, corrective in zip(texts, statements["corrective"]):
        if corrective == "1":
            add(key, 0, len(texts[key]), guid("code", CORRECTIVE), "corrective")
    tags_file = f"{source}/tags.csv"
    for i, tag in enumerate(frames["tags"].to_dict("records")):
        at = where(tags_file, i + 1)
        dimension = book.dimensions.get(tag["dimension"])
        if dimension is None or tag["label"] not in dimension.labels:
            raise InputError(Errors.E091.format(where=at, value=tag["label"], dimension=tag["dimension"]))
        counted = tag["counted"] == "1"
        if not counted and not uncounted:
            continue
        key = (tag["case_id"], tag["statement_id"])
        start, end = _span(texts[key], tag["start_char"], tag["end_char"], at)
        description = tag_description(tag) + (f" — score {tag['score']}" if tag.get("score") else "")
        add(key, start, end, guid("code", code_key(tag["dimension"], tag["label"], counted=counted)), description)
    links_file = f"{source}/links.csv"
    for i, link in enumerate(frames["links"].to_dict("records")):
        for role in ("claim", "evidence"):
            key = (link["case_id"], link[f"{role}_statement_id"])
            start, end = link[f"{role}_span"].split(":")
            add(key, *_span(texts[key], start, end, where(links_file, i + 1, f"{role}_span")))
    return spans


def _selection_guid(key: tuple, start: int, end: int) -> str:
    return guid("selection", f"{key[0]}/{key[1]}/{start}-{end}")


def project_xml(frames: dict[str, pd.DataFrame], book: Codebook, *, name: str, uncounted: bool = True,
                source: str = "") -> tuple[bytes, dict[str, bytes]]:
    """``project.qde`` and the ``sources/`` files ({file name: UTF-8 text}) of one analyze output."""
    statements = frames["statements"]
    spans = _selections(frames, book, uncounted, source)
    root = ET.Element(f"{{{PROJECT_NS}}}Project", {"name": xml_text(name), "origin": ORIGIN, "creatingUserGUID": USER})
    _element(_element(root, "Users"), "User", guid=USER, name=ORIGIN)
    _add_codes(_element(_element(root, "CodeBook"), "Codes"), code_tree(book, uncounted), PROJECT_NS)
    variables = [v for v in VARIABLES if v in statements.columns]
    variable_nodes = _element(root, "Variables")
    for variable in variables:
        _element(variable_nodes, "Variable", guid=guid("variable", variable), name=variable, typeOfVariable="Text")
    cases = _element(root, "Cases")
    for case_id, group in statements.groupby("case_id", sort=False):
        case = _element(cases, "Case", guid=guid("case", case_id), name=case_id)
        for statement_id in group["statement_id"]:
            _element(case, "SourceRef", targetGUID=guid("source", f"{case_id}/{statement_id}"))
    sources_node = _element(root, "Sources")
    files: dict[str, bytes] = {}
    for row in statements.to_dict("records"):
        key = (row["case_id"], row["statement_id"])
        source_guid = guid("source", "/".join(key))
        files[f"{source_guid}.txt"] = row["text"].encode("utf-8")
        node = _element(sources_node, "TextSource", guid=source_guid, name="/".join(key),
                        plainTextPath=f"internal://{source_guid}.txt", creatingUser=USER)
        for (start, end), span in sorted(spans.get(key, {}).items()):
            selection_guid = _selection_guid(key, start, end)
            selection = _element(node, "PlainTextSelection", guid=selection_guid, name=row["text"][start:end][:80],
                                 startPosition=str(start), endPosition=str(end), creatingUser=USER)
            descriptions = [d for lines in span.codes.values() for d in lines]
            if descriptions:
                _element(selection, "Description", text="\n".join(descriptions))
            for code in span.codes:
                coding = _element(selection, "Coding", guid=guid("coding", f"{selection_guid}/{code}"), creatingUser=USER)
                _element(coding, "CodeRef", targetGUID=code)
        for variable in variables:
            if row[variable]:
                value = _element(node, "VariableValue")
                _element(value, "VariableRef", targetGUID=guid("variable", variable))
                _element(value, "TextValue", text=row[variable])
    _add_links(root, frames["links"])
    return _serialise(root, PROJECT_NS), files


def _add_links(root: ET.Element, links: pd.DataFrame) -> None:
    if links.empty:
        return
    notes, link_nodes = _element(root, "Notes"), _element(root, "Links")
    seen: dict[str, int] = defaultdict(int)
    for link in links.to_dict("records"):
        key = f"{link['case_id']}/{link['claim_id']}>{link['evidence_claim_id']}:{link['relation']}:{link['rule']}"
        seen[key] += 1
        link_guid = guid("link", f"{key}#{seen[key]}")
        note_guid = guid("note", link_guid)
        detail = (f"{link['relation']}: claim {link['claim_id']} «{link['claim_text']}» — evidence "
                  f"{link['evidence_claim_id']} «{link['evidence_text']}»; strength {link['strength']}; "
                  f"lag {link['lag_seconds']} s; rule {link['rule']}")
        note = _element(notes, "Note", guid=note_guid, creatingUser=USER,
                        name=f"{link['relation']} {link['claim_statement_id']} → {link['evidence_statement_id']}")
        _element(note, "PlainTextContent", text=detail)
        ends = {}
        for role in ("claim", "evidence"):
            start, end = map(int, link[f"{role}_span"].split(":"))
            ends[role] = _selection_guid((link["case_id"], link[f"{role}_statement_id"]), start, end)
        node = _element(link_nodes, "Link", guid=link_guid, name=link["relation"], direction="OneWay",
                        originGUID=ends["claim"], targetGUID=ends["evidence"])
        _element(node, "NoteRef", targetGUID=note_guid)


def qdpx_bytes(project: bytes, files: dict[str, bytes]) -> bytes:
    """A ``.qdpx``: ``project.qde`` and ``sources/<guid>.txt``, with fixed dates so the bytes are reproducible."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in [("project.qde", project), *((f"sources/{n}", files[n]) for n in sorted(files))]:
            info = zipfile.ZipInfo(name, ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, data)
    return buffer.getvalue()


def export_qdpx(directory: str | Path, path: str | Path, book: Codebook, *, uncounted: bool = True) -> Path:
    """Write the analyze output in ``directory`` as the REFI-QDA project ``path`` (atomically).

    Raises:
        InputError: a table is missing, a tag's label is not in ``book``, or a span lies outside its statement.
    """
    directory, path = Path(directory), Path(path)
    frames = read_output(directory)
    _check_codebook(directory, book)
    project, files = project_xml(frames, book, name=directory.name or "toolkit", uncounted=uncounted,
                                 source=str(directory))
    write_atomic(path, qdpx_bytes(project, files))
    return path


def export_qdc(path: str | Path, book: Codebook, *, uncounted: bool = True) -> Path:
    """Write the codebook in force as the REFI-QDA codebook ``path`` (atomically)."""
    path = Path(path)
    write_atomic(path, codebook_xml(book, uncounted))
    return path
