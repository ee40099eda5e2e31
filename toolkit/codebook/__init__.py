"""The codebook: dimensions, labels, roles, rules, link rules and strength order — loaded, validated, merged, once.

The bundled codebook (``toolkit/codebooks/``) is package data; ``--codebook``
directories use the same layout and extend it. Every other stage reads the
codebook from the one :class:`Codebook` object :func:`load_codebook` returns
(cached per process); spaCy components reach it through the registered
function ``toolkit.codebook.v1``.
"""

from __future__ import annotations

from ._load import (
    STATUSES,
    Codebook,
    CodebookDirs,
    ContextRule,
    Dimension,
    Implication,
    Label,
    LanguageCodebook,
    Rule,
    bundled_root,
    codebook_paths,
    load_codebook,
)
from .table import codebook_markdown, codebook_table

__all__ = [
    "STATUSES", "Codebook", "CodebookDirs", "ContextRule", "Dimension", "Implication", "Label", "LanguageCodebook",
    "Rule", "bundled_root", "codebook_markdown", "codebook_paths", "codebook_table", "load_codebook",
]
