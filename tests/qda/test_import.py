"""``toolkit.qda.import_qda``: round trips, people's codings from other suites, and every problem in one line."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest

from tests.qda.conftest import REFI
from toolkit.codebook import load_codebook
from toolkit.validation.coding import coding_from_statements
from toolkit.errors import InputError
from toolkit.io.tables import csv_bytes, read_table
from toolkit.qda import export_qdpx, import_qda
from toolkit.qda._project import read_project


def own_coding(directory: Path) -> bytes:
    return csv_bytes(coding_from_statements(read_table(directory / "statements.csv"), load_codebook()))


@pytest.mark.parametrize("uncounted", [True, False])
def test_export_then_import_gives_the_toolkits_own_coding_and_links(mali_out, tmp_path, uncounted):
    book = load_codebook()
    imported = import_qda(export_qdpx(mali_out, tmp_path / "m.qdpx", book, uncounted=uncounted), book)
    written = imported.write(tmp_path / "back")
    assert (tmp_path / "back" / "gold.csv").read_bytes() == own_coding(mali_out)
    links = read_table(mali_out / "links.csv")
    expected = links[["case_id", "claim_statement_id", "evidence_statement_id", "relation"]].drop_duplicates()
    assert read_table(written[1]).values.tolist() == expected.values.tolist()


def test_round_trip_survives_accents_emoji_and_crlf(tricky_out, tmp_path):
    book = load_codebook()
    imported = import_qda(export_qdpx(tricky_out, tmp_path / "t.qdpx", book), book)
    assert csv_bytes(imported.gold) == own_coding(tricky_out)
    assert imported.gold["corrective"].tolist() == ["1", "0", "1"]


def project(tmp_path: Path, body: str, sources: dict[str, str]) -> Path:
    """A .qdpx as another QDA suite might write it: codes by name only, no toolkit GUIDs."""
    xml = (
        '<?xml version="1.0" encoding="utf-8"?>\n<Project xmlns="urn:QDA-XML:project:1.0" name="coder" origin="test">'
        + body + "</Project>"
    )
    path = tmp_path / "coder.qdpx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("Project.qde", xml)
        for name, text in sources.items():
            archive.writestr(f"Sources/{name}", text.encode("utf-8-sig"))
    return path


CODES = """<CodeBook><Codes>
  <Code guid="10000000-0000-0000-0000-000000000001" name="corrective" isCodable="true"/>
  <Code guid="10000000-0000-0000-0000-000000000002" name="blame_shift" isCodable="false">
    <Code guid="10000000-0000-0000-0000-000000000003" name="external_attacker" isCodable="true"/>
    <Code guid="10000000-0000-0000-0000-000000000004" name="insider_individual" isCodable="true"/>
  </Code>
  <Code guid="10000000-0000-0000-0000-000000000005" name="strategy::apology" isCodable="true"/>
  <Code guid="10000000-0000-0000-0000-000000000006" name="my own idea" isCodable="true"/>
</Codes></CodeBook>"""


def coding(selection: str, start: int, end: int, *codes: int) -> str:
    refs = "".join(
        f'<Coding guid="3{selection[1:]}{i}"><CodeRef targetGUID="10000000-0000-0000-0000-00000000000{c}"/></Coding>'
        for i, c in enumerate(codes)
    )
    return f'<PlainTextSelection guid="{selection}" startPosition="{start}" endPosition="{end}">{refs}</PlainTextSelection>'


A, B, C, D = (f"20000000-0000-0000-0000-00000000000{i}" for i in range(1, 5))
TEXT = "Désolés 🙏 : notre compte a été piraté par un stagiaire.\r\nNous nous excusons."
START, END = TEXT.index("piraté"), TEXT.index(".\r\n")  # code points: the emoji counts one


def test_a_coders_project_by_code_names_becomes_gold_coding(tmp_path):
    sources = f"""<Cases><Case guid="40000000-0000-0000-0000-000000000001" name="case-x">
        <SourceRef targetGUID="{A}"/><SourceRef targetGUID="{B}"/></Case></Cases>
      <Sources>
        <TextSource guid="{A}" name="s1" plainTextPath="internal://{A}.txt">
          {coding("50000000-0000-0000-0000-000000000001", 0, len(TEXT), 1)}
          {coding("50000000-0000-0000-0000-000000000002", START, END, 3)}
          {coding("50000000-0000-0000-0000-000000000003", 0, 7, 5)}
        </TextSource>
        <TextSource guid="{B}" name="s2"><PlainTextContent>Rien à voir.</PlainTextContent></TextSource>
      </Sources>"""
    path = project(tmp_path, CODES + sources, {f"{A}.txt": TEXT})
    gold = import_qda(path, load_codebook()).gold
    assert gold.values.tolist() == [
        ["case-x", "s1", "1", "", "external_attacker", "", "apology"],
        ["case-x", "s2", "0", "", "", "", ""],
    ]
    parsed = read_project(path)
    assert parsed.sources[0].text == TEXT  # the byte-order mark is not text
    assert (START, END) == (31, 54) and parsed.sources[0].text[START:END] == "piraté par un stagiaire"


def test_every_problem_is_one_warning_line_and_nothing_is_dropped(tmp_path):
    sources = f"""<Sources>
        <TextSource guid="{A}" name="s1" plainTextPath="internal://{A}.txt">
          {coding("50000000-0000-0000-0000-000000000001", 0, 10, 6)}
          {coding("50000000-0000-0000-0000-000000000002", START, END, 3)}
          {coding("50000000-0000-0000-0000-000000000003", END - 2, END + 5, 3)}
          {coding("50000000-0000-0000-0000-000000000004", 2, 8, 4)}
          {coding("50000000-0000-0000-0000-000000000005", 70, 999, 5)}
        </TextSource>
        <TextSource guid="{C}" name="s3" plainTextPath="internal://missing.txt">
          {coding("50000000-0000-0000-0000-000000000006", 0, 4, 5)}
        </TextSource>
        <PictureSource guid="{D}" name="photo.jpg" path="internal://photo.jpg"/>
      </Sources>
      <Links><Link guid="60000000-0000-0000-0000-000000000001" name="see also"
        originGUID="50000000-0000-0000-0000-000000000002" targetGUID="50000000-0000-0000-0000-000000000006"/>
      <Link guid="60000000-0000-0000-0000-000000000002" name="Contradicts"
        originGUID="50000000-0000-0000-0000-000000000002" targetGUID="50000000-0000-0000-0000-000000000006"/></Links>"""
    path = project(tmp_path, CODES + sources, {f"{A}.txt": TEXT})
    with pytest.warns(UserWarning) as record:
        imported = import_qda(path, load_codebook())
    lines = [str(w.message) for w in record]
    assert all("\n" not in line and re.match(r"\[W09\d\] " + re.escape(str(path)), line) for line in lines)
    expected = [
        "code 'my own idea' (10000000-0000-0000-0000-000000000006) is not in the codebook; 1 coding(s)",
        "selections [31:54] and [52:59] overlap, both coded 'blame_shift:external_attacker'; counted once",
        "2 labels for single-label dimension 'blame_shift' (insider_individual, external_attacker); kept 'insider_individual'",
        "selection [70:999] lies outside its 76 characters; its coding is kept",
        "TextSource 's3' has no plain text (internal://missing.txt is not in the project); its codings are kept",
        "PictureSource 'photo.jpg' has no plain text (not a text source); left out",
        "link 'see also' (60000000-0000-0000-0000-000000000001): its name is not a relation",
    ]
    for fragment in expected:
        assert sum(fragment in line for line in lines) == 1, (fragment, lines)
    assert imported.gold["statement_id"].tolist() == ["s1", "s3"]
    assert imported.gold["blame_shift"].tolist() == ["insider_individual", ""]
    assert imported.gold["strategies"].tolist() == ["apology", "apology"]
    assert imported.links.values.tolist() == [["", "s1", "s3", "contradicts"]]


def test_real_atlas_ti_export_reads_codebook_and_sources(tmp_path):
    path = REFI / "atlasti-8.4-standard-project.qdpx"
    parsed = read_project(path)
    assert parsed.origin.startswith("ATLAS.ti 8.4.0")
    with zipfile.ZipFile(path) as archive:
        raw = archive.read("Project.qde").decode("utf-8")
    assert len(parsed.codes) == raw.count("<Code ") == 14 and parsed.codes["0983E32E-6866-431A-BD94-DAC9BB963825"].path == ("Coke::full-fat Coke",)
    kinds = [s.kind for s in parsed.sources]
    assert kinds.count("TextSource") == 6 and {"PDFSource", "PictureSource", "AudioSource"} <= set(kinds)
    assert sum(s.textual for s in parsed.sources) == 8  # and two PDFs through their plain-text representation
    assert sum(len(s.selections) for s in parsed.sources) == raw.count("<PlainTextSelection ")
    with pytest.warns(UserWarning) as record:
        imported = import_qda(path, load_codebook())
    lines = [str(w.message) for w in record]
    assert sum("has no plain text" in line for line in lines) == len(parsed.sources)
    assert any("code 'Coke::diet Coke'" in line for line in lines)
    assert len(imported.gold) == 8 and (imported.gold["corrective"] == "0").all()


def test_not_a_project_is_one_error_naming_the_file(tmp_path):
    (tmp_path / "x.qdpx").write_bytes(b"PK\x05\x06" + b"\0" * 18)
    with pytest.raises(InputError, match=r"x\.qdpx: not a REFI-QDA project \(no project\.qde in the archive\)"):
        import_qda(tmp_path / "x.qdpx", load_codebook())
    (tmp_path / "p.qde").write_text("<Project><Sources>", encoding="utf-8")
    with pytest.raises(InputError, match=r"p\.qde, line 1: not a REFI-QDA project \(not XML"):
        import_qda(tmp_path / "p.qde", load_codebook())


def test_a_project_file_named_after_the_project_is_read_and_announced(mali_out, tmp_path):
    """ATLAS.ti 26 writes ``<project name>.qde``, not ``project.qde``: the one .qde at the root is the project."""
    book = load_codebook()
    standard = export_qdpx(mali_out, tmp_path / "m.qdpx", book)
    renamed, doubled = tmp_path / "Trial.qdpx", tmp_path / "two.qdpx"
    with zipfile.ZipFile(standard) as source, zipfile.ZipFile(renamed, "w") as one, zipfile.ZipFile(doubled, "w") as two:
        for name in source.namelist():
            data = source.read(name)
            one.writestr("Trial.qde" if name == "project.qde" else name, data)
            two.writestr("Trial.qde" if name == "project.qde" else name, data)
        two.writestr("Other.qde", source.read("project.qde"))
    with pytest.warns(UserWarning, match=r"Trial\.qdpx: the archive holds 'Trial\.qde' instead of 'project\.qde'"):
        imported = import_qda(renamed, book)
    assert csv_bytes(imported.gold) == csv_bytes(import_qda(standard, book).gold)
    with pytest.raises(InputError, match=r"two\.qdpx: not a REFI-QDA project \(no project\.qde and several \.qde files: Trial\.qde, Other\.qde\)"):
        import_qda(doubled, book)


def test_two_sources_of_one_statement_are_an_error(tmp_path):
    body = f"""<Sources><TextSource guid="{A}" name="k/s1"><PlainTextContent>a</PlainTextContent></TextSource>
      <TextSource guid="{B}" name="k/s1"><PlainTextContent>b</PlainTextContent></TextSource></Sources>"""
    with pytest.raises(InputError, match=r"sources 'k/s1' and 'k/s1' are both statement 's1' of case 'k'"):
        import_qda(project(tmp_path, body, {}), load_codebook())
