"""User codebook directories add labels and dimensions without code changes (issue 5, custom codebooks)."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

import toolkit
from toolkit.codebook import load_codebook
from toolkit.errors import CodebookError

DIMENSIONS = """\
dimensions:
  victimhood:
    description: The speaker presents itself as the victim of the incident (constructed test dimension).
    column: victimhood
    cardinality: multi
    signals_corrective: true
    labels:
      self_as_victim: {definition: "We are the victims / nous sommes victimes."}
"""

PATTERNS = {
    "en/victimhood.jsonl": [{"id": "user.en.victim", "label": "self_as_victim", "pattern": [{"LOWER": {"IN": ["we", "i"]}}, {"LEMMA": "be"}, {"LOWER": {"IN": ["the", "a"]}, "OP": "?"}, {"LEMMA": "victim"}]}],
    "fr/victimhood.jsonl": [{"id": "user.fr.victim", "label": "self_as_victim", "pattern": [{"LOWER": "nous"}, {"LEMMA": "être"}, {"LOWER": {"IN": ["les", "des"]}, "OP": "?"}, {"LOWER": {"IN": ["victime", "victimes"]}}]}],
    # extra patterns for an existing label (blame_shift:third_party), in both languages
    "en/blame_shift.jsonl": [{"id": "user.en.agency", "label": "third_party", "pattern": [{"LOWER": "the"}, {"LOWER": "agency"}]}],
    "fr/blame_shift.jsonl": [{"id": "user.fr.agence", "label": "third_party", "pattern": [{"LOWER": "l'"}, {"LOWER": "agence"}]}],
}

# The third statement of each case carries a claim (a hack), so that every run has claims to link.
STATEMENTS = pd.DataFrame(
    {
        "case_id": ["c1"] * 3 + ["c2"] * 3,
        "statement_id": ["s1", "s2", "s3"] * 2,
        "timestamp": ["2020-01-01", "2020-01-02", "2020-01-03"] * 2,
        "speaker": ["Org"] * 6,
        "speaker_role": ["official"] * 6,
        "language": ["en"] * 3 + ["fr"] * 3,
        "text": [
            "We are the victims of this incident.",
            "We apologise: the agency posted it.",
            "Our account was hacked.",
            "Nous sommes victimes de cette affaire.",
            "Nous présentons nos excuses; l'agence Zorglub gérait ce compte.",
            "Notre compte a été piraté.",
        ],
    }
)


def write_codebook(root: Path, patterns: dict[str, list[dict]] = PATTERNS, dimensions: str = DIMENSIONS) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    (root / "dimensions.yaml").write_text(dimensions, encoding="utf-8")
    for name, lines in patterns.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("\n".join(json.dumps(line, ensure_ascii=False) for line in lines) + "\n", encoding="utf-8")
    return root


def test_codebook_custom_adds_dimension_and_label_in_both_languages(tmp_path):
    user = write_codebook(tmp_path / "mybook")
    before = toolkit.analyze(STATEMENTS)
    after = toolkit.analyze(STATEMENTS, codebook=user)
    assert "victimhood" not in before.statements.columns
    assert list(after.statements["victimhood"]) == ["self_as_victim", "", ""] * 2
    assert list(before.statements["blame_shift"])[1::3] == ["", ""]
    assert list(after.statements["blame_shift"])[1::3] == ["third_party", "third_party"]
    assert list(after.statements["corrective"])[::3] == [1, 1]  # the new dimension signals corrective
    rules = set(after.tags["rule"])
    assert {"user.en.victim", "user.fr.victim", "user.en.agency", "user.fr.agence"} <= rules
    book = load_codebook((str(user.resolve()),))
    assert book.columns["victimhood"] == "victimhood"
    assert len(book.language("en").rules_for("blame_shift")) == len(load_codebook().language("en").rules_for("blame_shift")) + 1


def test_codebook_custom_bundled_codebook_unchanged_without_option(tmp_path):
    write_codebook(tmp_path / "mybook")
    assert "victimhood" not in load_codebook().dimensions


@pytest.mark.parametrize(
    "name,content,expected",
    [
        ("en/victimhood.jsonl", '{"id": "ok", "label": "self_as_victim", "pattern": [{"LOWER": "victim"}]}\n{"id": "bad", "label": ', "line 2"),
        ("en/victimhood.jsonl", '{"id": "x", "label": "nope", "pattern": [{"LOWER": "victim"}]}\n', "unknown label 'nope'"),
        ("fr/victimhood.jsonl", '{"id": "x", "label": "self_as_victim", "pattern": []}\n', "invalid pattern"),
        ("fr/unknown_dimension.jsonl", '{"id": "x", "label": "y", "pattern": [{"LOWER": "z"}]}\n', "unknown dimension 'unknown_dimension'"),
    ],
)
def test_codebook_custom_malformed_file_names_file_and_line(tmp_path, name, content, expected):
    user = write_codebook(tmp_path / "bad", patterns={})
    path = user / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(content, encoding="utf-8")
    with pytest.raises(CodebookError) as info:
        toolkit.analyze(STATEMENTS, codebook=user)
    message = str(info.value)
    assert str(path) in message and expected in message
    if "line" in expected or "label" in expected or "pattern" in expected:
        assert ", line " in message


def test_codebook_custom_malformed_yaml_names_line(tmp_path):
    user = write_codebook(tmp_path / "bad", patterns={}, dimensions="dimensions:\n  victimhood: [unclosed\n")
    with pytest.raises(CodebookError) as info:
        load_codebook((str(user),))
    assert "dimensions.yaml" in str(info.value) and "line" in str(info.value)
