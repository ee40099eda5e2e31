"""The spaCy stage: Doc extensions, the rule index, the toolkit's components, one pipeline per language, Docs → rows.

Components are registered spaCy factories (``toolkit_matcher``,
``toolkit_context``, ``toolkit_dimension``, ``toolkit_coder``) added to each
language's model by :func:`~toolkit.nlp.pipeline.load_pipeline`, the one
place that builds a pipeline: a later layer (a learned component reading
``doc.spans``, ``doc._.evidence``, ``doc._.context`` and ``doc._.codes``)
is added there, after the coder, and its columns join the tag rows in
:mod:`toolkit.nlp.rows`.
"""

from __future__ import annotations

from . import extensions  # noqa: F401  (registers Doc._ / Span._ attributes)
from .pipeline import available_languages, load_model, load_pipeline, model_name
from .rows import TAG_COLUMNS
from .tagging import ProgressCallback, TaggedBatch, attach, make_docs, tag_batch

__all__ = [
    "TAG_COLUMNS", "ProgressCallback", "TaggedBatch", "attach", "available_languages", "load_model",
    "load_pipeline", "make_docs", "model_name", "tag_batch",
]
