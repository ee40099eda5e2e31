"""Build and cache one spaCy pipeline per language: model + the toolkit's analyzers."""

from __future__ import annotations

import importlib.util
from functools import lru_cache

import spacy
from spacy.language import Language

from . import components  # noqa: F401  (registers the factories)
from .codebook import load_codebook
from .errors import Errors, InputError

# The toolkit reads lemmas, morphology and dependencies; named entities are not used.
EXCLUDED_MODEL_PIPES = ("ner",)


def model_name(lang: str, codebook: tuple[str, ...] = ()) -> str:
    """The first installed model listed for a language in its ``language.yaml``.

    Raises:
        InputError: when the codebook has no such language or none of its models is installed.
    """
    book = load_codebook(codebook)
    if lang not in book.languages:
        raise InputError(Errors.E007.format(where="codebook", value=lang, allowed=", ".join(sorted(book.languages))))
    models = book.language(lang).models
    for name in models:
        if importlib.util.find_spec(name) is not None:
            return name
    raise InputError(Errors.E011.format(where="codebook", lang=lang, models=", ".join(models)))


def load_model(lang: str, codebook: tuple[str, ...] = ()) -> Language:
    """The bare spaCy model for a language (no toolkit components), loaded once."""
    return _load(lang, tuple(codebook), False)


def load_pipeline(lang: str, codebook: tuple[str, ...] = ()) -> Language:
    """The model plus the rule matcher, context marker, one tagger per dimension and the statement coder, loaded once."""
    return _load(lang, tuple(codebook), True)


@lru_cache(maxsize=16)
def _load(lang: str, codebook: tuple[str, ...], analyzers: bool) -> Language:
    nlp = spacy.load(model_name(lang, codebook), exclude=list(EXCLUDED_MODEL_PIPES))
    if not analyzers:
        return nlp
    config = {"codebook": list(codebook)}
    nlp.add_pipe("toolkit_matcher", config=config)
    nlp.add_pipe("toolkit_context", config=config)
    for dimension in load_codebook(codebook).dimensions:
        nlp.add_pipe("toolkit_dimension", name=f"toolkit_{dimension}", config={**config, "dimension": dimension})
    nlp.add_pipe("toolkit_coder", config=config)
    return nlp


def available_languages(codebook: tuple[str, ...] = ()) -> list[str]:
    """Languages with both a codebook folder and an installed model."""
    langs = []
    for lang in sorted(load_codebook(codebook).languages):
        try:
            model_name(lang, codebook)
        except InputError:
            continue
        langs.append(lang)
    return langs
