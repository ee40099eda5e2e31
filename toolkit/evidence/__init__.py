"""Evidence: claims made by statements, links to later statements that contradict or support them, verdicts, case metrics."""

from __future__ import annotations

from .claims import CLAIM_COLUMNS, extract_claims, same_party
from .linking import CASE_COLUMNS, LINK_COLUMNS, link_claims, verdict_of

__all__ = ["CASE_COLUMNS", "CLAIM_COLUMNS", "LINK_COLUMNS", "extract_claims", "link_claims", "same_party", "verdict_of"]
