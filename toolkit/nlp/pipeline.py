"""Build and cache one spaCy pipeline per language: the model, then the toolkit's components, in one function.

Components reach the codebook through the registered function
``toolkit.codebook.v1`` (``{"@misc": "toolkit.codebook.v1", "paths": [...]}``
in their config), which returns the process's one loaded :class:`Codebook`;
a pipeline saved with ``nlp.to_disk`` loads back with ``spacy.load`` once
``toolkit`` is imported.
"""

from __future__ import annotations

import importlib.util
from functools import lru_cache
from pathlib import Path

import spacy
from spacy.language import Language

from ..codebook import Codebook, CodebookDirs, load_codebook
from ..errors import CodebookError, Errors, InputError, Warnings, warn
from . import components  # noqa: F401  (registers the factories)

# The toolkit reads lemmas, morphology and dependencies; named entities are not used.
EXCLUDED_MODEL_PIPES = ("ner",)


@spacy.registry.misc("toolkit.codebook.v1")
def codebook_from_paths(paths: list[str]) -> Codebook:
    """The codebook in force for components: the bundled one merged with ``paths``, loaded once per process."""
    return load_codebook(tuple(paths))


def _codebook_config(book: Codebook) -> dict:
    """A component's ``codebook`` setting: a reference to the registered function, not the object."""
    return {"@misc": "toolkit.codebook.v1", "paths": list(book.paths)}


def model_name(lang: str, codebook: Codebook | CodebookDirs = None) -> str:
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


def load_model(lang: str, codebook: Codebook | CodebookDirs = None) -> Language:
    """The bare spaCy model for a language (no toolkit components), loaded once."""
    return _load(lang, load_codebook(codebook).paths, False)


def load_pipeline(lang: str, codebook: Codebook | CodebookDirs = None, model: str | None = None) -> Language:
    """The model plus the rule matcher, context marker, one tagger per dimension and the statement coder, loaded once;
    with ``model`` (a learned model directory), the learned coder last."""
    return _load(lang, load_codebook(codebook).paths, True, model)


@lru_cache(maxsize=16)
def _load(lang: str, paths: tuple[str, ...], analyzers: bool, model: str | None = None) -> Language:
    book = load_codebook(paths)
    nlp = spacy.load(model_name(lang, book), exclude=list(EXCLUDED_MODEL_PIPES))
    if analyzers:
        add_components(nlp, book, model)
    return nlp


def add_components(nlp: Language, book: Codebook, model: str | None = None) -> None:
    """The toolkit's components, in order: rules, context, one tagger per dimension, the coder.

    The one place components are added: a later layer goes after the coder.
    """
    config = {"codebook": _codebook_config(book)}
    nlp.add_pipe("toolkit_matcher", config=config)
    nlp.add_pipe("toolkit_context", config=config)
    for dimension in book.dimensions:
        nlp.add_pipe("toolkit_dimension", name=f"toolkit_{dimension}", config={**config, "dimension": dimension})
    nlp.add_pipe("toolkit_coder", config=config)
    if model:
        nlp.add_pipe("toolkit_learned", config={**config, "model": model})


def resolve_model(book: Codebook, rules_only: bool = False, model: str | Path | None = None) -> str | None:
    """The learned model directory a run uses, or ``None`` for the rules alone.

    The bundled model by default; ``model`` if given (refused when fitted for
    another codebook). With a user codebook the bundled model does not know
    (other labels or dimensions), the run falls back to the rules, with a
    warning: train a model for that codebook with ``toolkit train``.

    Raises:
        CodebookError: ``model`` was fitted for another codebook, or holds no model.
    """
    from .components.learned import check_model
    from .learned.model import bundled_model

    if rules_only:
        return None
    if model is not None:
        directory = Path(model)
        if not (directory / "weights.npz").is_file() or not (directory / "card.json").is_file():
            raise CodebookError(Errors.E102.format(path=directory))
        check_model(str(directory.resolve()), book)
        return str(directory.resolve())
    try:
        check_model(bundled_model(), book)
    except CodebookError:
        warn(Warnings.W101)
        return None
    return bundled_model()


def available_languages(codebook: Codebook | CodebookDirs = None) -> list[str]:
    """Languages with both a codebook folder and an installed model."""
    book = load_codebook(codebook)
    langs = []
    for lang in sorted(book.languages):
        try:
            model_name(lang, book)
        except InputError:
            continue
        langs.append(lang)
    return langs
