"""Session-scoped pipelines and helpers shared by every test (spaCy's tests/README habit)."""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest

import toolkit  # noqa: F401  (registers extensions and factories)
from toolkit.nlp.tagging import make_docs
from toolkit.nlp.pipeline import load_pipeline

ROOT = Path(__file__).resolve().parent.parent
CORPORA = ROOT / "corpora"
MALI = CORPORA / "mali-2020"


@pytest.fixture(scope="session")
def nlp():
    """``nlp(lang)``: the full toolkit pipeline for a language, loaded once per session."""
    return lambda lang: load_pipeline(lang)


@pytest.fixture(scope="session")
def tag(nlp):
    """``tag(lang, text, role="official")``: the analysed Doc of one statement."""
    import pandas as pd

    def run(lang: str, text: str, role: str = "official", speaker: str = "speaker"):
        pipeline = nlp(lang)
        frame = pd.DataFrame({"text": [text], "speaker": [speaker], "speaker_role": [role]})
        return next(iter(pipeline.pipe(make_docs(pipeline, frame))))

    return run


def labels(doc, dimension: str, *, negated: bool | None = None) -> set[str]:
    """Labels of a dimension's spans, optionally only negated or only asserted ones."""
    return {
        span.label_
        for span in doc.spans.get(dimension, [])
        if negated is None or bool(span._.negated) == negated
    }


def check_label(doc, dimension: str, label: str, expected: str) -> None:
    """``coded``: the statement's column has the label; ``absent``: no span of it;
    ``negated``: a negated span and no coded label."""
    column = {"strategy": "strategies"}.get(dimension, dimension)
    coded = set(doc._.codes.get(column, []))
    found = [(s.text, s.label_, s.id_, bool(s._.negated)) for s in doc.spans.get(dimension, [])]
    if expected == "coded":
        assert label in coded, found
    elif expected == "absent":
        assert label not in labels(doc, dimension), found
        assert label not in coded, found
    else:
        assert label in labels(doc, dimension, negated=True), found
        assert label not in coded, found


def check_claim(doc, dimension: str, label: str, expected: str) -> None:
    """``asserted`` / ``absent`` / ``negated`` spans of a claim dimension."""
    found = [(s.text, s.label_, s.id_, bool(s._.negated)) for s in doc.spans.get(dimension, [])]
    if expected == "asserted":
        assert label in labels(doc, dimension, negated=False), found
    elif expected == "absent":
        assert label not in labels(doc, dimension), found
    else:
        assert label in labels(doc, dimension, negated=True), found
        assert label not in labels(doc, dimension, negated=False), found


@pytest.fixture(autouse=True)
def _quiet_spacy_warnings():
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", module="spacy")
        yield
