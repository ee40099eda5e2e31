"""Validation against human coding: coding files, corpora and their adjudication, evaluation and inter-coder agreement.

The corpus tools run as modules: ``python -m toolkit.validation.corpora`` (concatenate
hand-coded corpora for ``toolkit evaluate``) and ``python -m toolkit.validation.adjudication``
(two codings into gold); :func:`toolkit.validation.corpora.read_corpora` reads corpora in Python.
"""

from __future__ import annotations

from .coding import coding_from_statements, read_coding, read_links
from .evaluation import (
    Evaluation,
    agreement,
    agreement_corpora,
    alpha_reliability,
    cross_validate,
    evaluate,
    evaluate_corpora,
    kappa,
)

__all__ = [
    "Evaluation", "agreement", "agreement_corpora", "alpha_reliability", "coding_from_statements", "cross_validate",
    "evaluate", "evaluate_corpora", "kappa", "read_coding", "read_links",
]
