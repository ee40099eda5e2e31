"""``toolkit.qda.export``: schema-valid, deterministic projects and codebooks whose offsets are the toolkit's."""

from __future__ import annotations

import zipfile
from xml.etree import ElementTree as ET

import pytest

from tests.qda.conftest import qde
from toolkit.codebook import load_codebook
from toolkit.errors import InputError
from toolkit.io.tables import read_table, write_table
from toolkit.qda import export_qdc, export_qdpx
from toolkit.qda.export import VARIABLES
from toolkit.qda._schema import PROJECT_NS, code_key, guid, report_colours

NS = {"q": PROJECT_NS}


def test_mali_project_and_codebook_validate_against_the_refi_qda_schemas(
    mali_out, tmp_path, project_schema, codebook_schema
):
    book = load_codebook()
    export_qdpx(mali_out, tmp_path / "mali.qdpx", book)
    export_qdc(tmp_path / "mali.qdc", book)
    project_schema.validate(qde(tmp_path / "mali.qdpx"))
    codebook_schema.validate((tmp_path / "mali.qdc").read_text(encoding="utf-8"))


def test_same_output_gives_byte_identical_files(mali_out, tmp_path):
    book = load_codebook()
    first = export_qdpx(mali_out, tmp_path / "a.qdpx", book).read_bytes()
    assert export_qdpx(mali_out, tmp_path / "b.qdpx", book).read_bytes() == first
    assert export_qdc(tmp_path / "a.qdc", book).read_bytes() == export_qdc(tmp_path / "b.qdc", book).read_bytes()


def test_codes_nest_dimension_label_with_stable_guids_descriptions_and_report_colours(mali_out, tmp_path):
    book = load_codebook()
    root = ET.fromstring(qde(export_qdpx(mali_out, tmp_path / "m.qdpx", book)))
    top = root.findall("q:CodeBook/q:Codes/q:Code", NS)
    assert [c.get("name") for c in top][:2] == ["corrective", "cause"]
    blame = next(c for c in top if c.get("name") == "blame_shift")
    assert blame.get("isCodable") == "false" and blame.get("color") == report_colours()["blame_shift"] == "#D55E00"
    attacker = blame.find("q:Code[@name='external_attacker']", NS)
    assert attacker.get("guid") == guid("code", "blame_shift.external_attacker")
    assert attacker.find("q:Description", NS).text == book.dimensions["blame_shift"].labels["external_attacker"].definition
    uncounted = top[-1]
    assert uncounted.get("name").startswith("not counted")
    assert uncounted.find("q:Code[@name='blame_shift']/q:Code[@name='external_attacker']", NS).get("guid") == guid(
        "code", code_key("blame_shift", "external_attacker", counted=False)
    )


def test_statements_become_sources_with_text_variables_and_cases(mali_out, tmp_path):
    path = export_qdpx(mali_out, tmp_path / "m.qdpx", load_codebook())
    root = ET.fromstring(qde(path))
    statements = read_table(mali_out / "statements.csv")
    sources = root.findall("q:Sources/q:TextSource", NS)
    assert [s.get("name") for s in sources] == [f"mali-2020/{i}" for i in statements["statement_id"]]
    variables = {v.get("guid"): v.get("name") for v in root.findall("q:Variables/q:Variable", NS)}
    s3 = sources[2]
    values = {variables[v.find("q:VariableRef", NS).get("targetGUID")]: v.find("q:TextValue", NS).text
              for v in s3.findall("q:VariableValue", NS)}
    assert values["speaker"] == statements.at[2, "speaker"] and values["speaker_role"] == "official"
    assert values["timestamp"] == statements.at[2, "timestamp"] and values["channel"] == "twitter"
    assert values["language"] == "fr" and values["source_url"].startswith("https://ivoireactu.net/")
    assert values == {v: statements.at[2, v] for v in VARIABLES if statements.at[2, v]}  # empty cells get no value
    case = root.find("q:Cases/q:Case", NS)
    assert case.get("name") == "mali-2020" and len(case.findall("q:SourceRef", NS)) == len(statements)
    with zipfile.ZipFile(path) as archive:
        text = archive.read(f"sources/{s3.get('guid')}.txt").decode("utf-8")
    assert text == statements.at[2, "text"]


def test_counted_tags_are_coded_spans_with_rule_and_status_in_the_description(mali_out, tmp_path):
    root = ET.fromstring(qde(export_qdpx(mali_out, tmp_path / "m.qdpx", load_codebook())))
    s3 = root.find("q:Sources/q:TextSource[@name='mali-2020/s3']", NS)
    selection = s3.find("q:PlainTextSelection[@startPosition='188'][@endPosition='212']", NS)
    refs = {r.get("targetGUID") for r in selection.iter(f"{{{PROJECT_NS}}}CodeRef")}
    assert guid("code", "remediation.platform_notified") in refs
    assert "[done]" in selection.find("q:Description", NS).text
    assert "rule fr.rem.platform_informed" in selection.find("q:Description", NS).text


def test_negated_tags_go_to_the_uncounted_branch_or_are_left_out(mali_out, tmp_path):
    book = load_codebook()
    negated = guid("code", code_key("blame_shift", "external_attacker", counted=False))
    with_branch = qde(export_qdpx(mali_out, tmp_path / "a.qdpx", book))
    without = qde(export_qdpx(mali_out, tmp_path / "b.qdpx", book, uncounted=False))
    s5 = ET.fromstring(with_branch).find("q:Sources/q:TextSource[@name='mali-2020/s5']", NS)
    ni_pirates = s5.find("q:PlainTextSelection[@startPosition='33']", NS)
    assert "(negated)" in ni_pirates.find("q:Description", NS).text
    assert negated in {r.get("targetGUID") for r in ni_pirates.iter(f"{{{PROJECT_NS}}}CodeRef")}
    assert negated not in without and "not counted" not in without


def test_links_join_claim_and_evidence_selections_with_relation_strength_and_lag(mali_out, tmp_path):
    root = ET.fromstring(qde(export_qdpx(mali_out, tmp_path / "m.qdpx", load_codebook())))
    links = root.findall("q:Links/q:Link", NS)
    table = read_table(mali_out / "links.csv")
    assert len(links) == len(table) and {link.get("name") for link in links} == {"contradicts"}
    selections = {s.get("guid"): (src.get("name"), s.get("startPosition"), s.get("endPosition"))
                  for src in root.iter(f"{{{PROJECT_NS}}}TextSource") for s in src.findall("q:PlainTextSelection", NS)}
    first = table.iloc[0]
    assert selections[links[0].get("originGUID")] == ("mali-2020/s3", *first["claim_span"].split(":"))
    assert selections[links[0].get("targetGUID")] == ("mali-2020/s4", *first["evidence_span"].split(":"))
    notes = {n.get("guid"): n.find("q:PlainTextContent", NS).text for n in root.findall("q:Notes/q:Note", NS)}
    note = notes[links[0].find("q:NoteRef", NS).get("targetGUID")]
    assert f"strength {first['strength']}" in note and f"lag {first['lag_seconds']} s" in note


def test_offsets_count_code_points_through_accents_emoji_and_crlf(tricky_out, tmp_path, project_schema):
    path = export_qdpx(tricky_out, tmp_path / "t.qdpx", load_codebook())
    project_schema.validate(qde(path))
    tags = read_table(tricky_out / "tags.csv")
    assert "\r\n" in read_table(tricky_out / "statements.csv").at[0, "text"]
    root = ET.fromstring(qde(path))
    checked = 0
    with zipfile.ZipFile(path) as archive:
        for source in root.iter(f"{{{PROJECT_NS}}}TextSource"):
            text = archive.read(f"sources/{source.get('guid')}.txt").decode("utf-8")
            statement = source.get("name").split("/")[1]
            for tag in tags[tags["statement_id"] == statement].itertuples():
                selection = source.find(
                    f"q:PlainTextSelection[@startPosition='{tag.start_char}'][@endPosition='{tag.end_char}']", NS
                )
                assert text[int(selection.get("startPosition")):int(selection.get("endPosition"))] == tag.text
                checked += 1
    assert checked >= 5 and any("\U0001f621" in t for t in read_table(tricky_out / "statements.csv")["text"])


def test_unknown_label_and_span_outside_the_text_are_errors_with_file_and_row(mali_out, tmp_path):
    bad = tmp_path / "bad"
    bad.mkdir()
    for name in ("statements", "links"):
        (bad / f"{name}.csv").write_bytes((mali_out / f"{name}.csv").read_bytes())
    tags = read_table(mali_out / "tags.csv")
    tags.loc[1, "label"] = "aliens"
    write_table(tags, bad / "tags.csv")
    with pytest.raises(InputError, match=r"tags\.csv, row 2: label 'aliens' of dimension 'audience'"):
        export_qdpx(bad, tmp_path / "x.qdpx", load_codebook())
    tags = read_table(mali_out / "tags.csv")
    tags.loc[0, "end_char"] = "9999"
    write_table(tags, bad / "tags.csv")
    with pytest.raises(InputError, match=r"row 1: span 146:9999 lies outside"):
        export_qdpx(bad, tmp_path / "x.qdpx", load_codebook())
    assert not (tmp_path / "x.qdpx").exists()
