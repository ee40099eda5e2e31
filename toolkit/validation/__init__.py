"""Validation against human coding: coding files, corpora and their adjudication, evaluation and inter-coder agreement."""

from __future__ import annotations

from .coding import coding_from_statements, read_coding, read_links
from .corpora import read_corpora
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
    "evaluate", "evaluate_corpora", "kappa", "read_coding", "read_corpora", "read_links",
]
