"""Session-scoped pipelines and helpers shared by every test (spaCy's tests/README habit)."""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest

import toolkit  # noqa: F401  (registers extensions and factories)
from toolkit.tagging import make_docs
from toolkit.pipeline import load_pipeline

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


@pytest.fixture(autouse=True)
def _quiet_spacy_warnings():
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", module="spacy")
        yield
