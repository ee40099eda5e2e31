"""One pipeline per language: components reach the codebook through the spaCy registry and save with it."""

from __future__ import annotations

import pytest
import spacy

from tests.codebook.test_custom import write_codebook
from toolkit.codebook import load_codebook
from toolkit.errors import CodebookError
from toolkit.nlp import load_pipeline, make_docs
from toolkit.nlp.pipeline import codebook_from_paths

TEXT = "Our account was hacked; we are not responsible and Twitter has been informed."


def _analysed(nlp, text: str = TEXT):
    import pandas as pd

    frame = pd.DataFrame({"text": [text], "speaker": ["Org"], "speaker_role": ["official"]})
    return next(iter(nlp.pipe(make_docs(nlp, frame))))


def _tags(doc):
    return sorted((name, s.start_char, s.end_char, s.label_, s.id_, s._.negated, s._.counted) for name in doc.spans for s in doc.spans[name])


def test_pipeline_components_share_the_one_codebook_from_the_registry():
    nlp = load_pipeline("en")
    book = load_codebook()
    assert spacy.registry.misc.get("toolkit.codebook.v1") is codebook_from_paths
    assert codebook_from_paths([]) is book
    assert all(nlp.get_pipe(name).book is book for name in nlp.pipe_names if name.startswith("toolkit_"))
    assert nlp.config["components"]["toolkit_coder"]["codebook"] == {"@misc": "toolkit.codebook.v1", "paths": []}


def test_pipeline_saved_and_loaded_tags_alike(tmp_path):
    nlp = load_pipeline("en")
    nlp.to_disk(tmp_path / "en")
    assert (tmp_path / "en" / "toolkit_coder" / "codebook.json").is_file()
    loaded = spacy.load(tmp_path / "en")
    assert loaded.pipe_names == nlp.pipe_names
    expected = _tags(_analysed(nlp))
    assert expected and _tags(_analysed(loaded)) == expected


def test_pipeline_saved_with_another_codebook_is_refused(tmp_path):
    load_pipeline("en").to_disk(tmp_path / "en")
    extra = {"en/blame_shift.jsonl": [{"id": "user.en.agency", "label": "third_party", "pattern": [{"LOWER": "agency"}]}]}
    user = write_codebook(tmp_path / "mine", patterns=extra, dimensions="dimensions: {}\n")
    config = tmp_path / "en" / "config.cfg"
    text = config.read_text(encoding="utf-8")
    assert "paths = []" in text
    config.write_text(text.replace("paths = []", f'paths = ["{user}"]'), encoding="utf-8")
    with pytest.raises(CodebookError, match=r"^\[E025\] .*toolkit_matcher: the pipeline was saved with codebook"):
        spacy.load(tmp_path / "en")


def test_pipeline_coder_decides_counted_and_implied_tags_are_flagged():
    doc = _analysed(load_pipeline("en"))
    spans = [s for name in doc.spans for s in doc.spans[name]]
    implied = [s for s in spans if s._.implied]
    assert implied and all(s.id_.startswith("implied_by:") for s in implied)
    assert all(not s.id_.startswith("implied_by:") for s in spans if not s._.implied)
    counted = {(s.label_, s._.negated) for s in spans if s._.counted}
    assert ("external_attacker", False) in counted or ("platform_notified", False) in counted
    assert not any(s._.counted for s in spans if s._.negated)
