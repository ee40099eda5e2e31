"""The ``Doc._`` and ``Span._`` attributes the analyzers read and write.

Per-tag evidence (negation, attribution, status, whether the tag is implied
by another and whether the coder counted it) is kept in one ``Doc._``
mapping keyed by span offsets, label and rule, because spaCy keys ``Span._``
values by offsets only and two tags on the same words (a negated act and the
denial it implies) must keep different values. ``Span._.negated`` and friends
read from it.
"""

from __future__ import annotations

import pandas as pd
from spacy.tokens import Doc, Span


def evidence_key(span: Span) -> str:
    """Key of a tag's evidence: token offsets, label and rule id."""
    return f"{span.start}:{span.end}:{span.label_}:{span.id_}"


IMPLIED_PREFIX = "implied_by:"
"""The ``rule`` of an implied tag names its source: ``implied_by:<dimension>.<label>:<rule>`` (tags.csv format)."""


def implied_rule(dimension: str, source: Span) -> str:
    """The rule id of a tag implied by ``source``, a tag of ``dimension``."""
    return f"{IMPLIED_PREFIX}{dimension}.{source.label_}:{source.id_}"


def is_implied(rules: pd.Series) -> pd.Series:
    """Which rows of a tags table are implied tags (read back from their ``rule``, the table's only trace of the flag)."""
    return rules.str.startswith(IMPLIED_PREFIX)


LEARNED_PREFIX = "model:"
"""The ``rule`` of a tag the learned layer set: ``model:<component>@<version>`` (tags.csv format)."""


def is_learned(rules: pd.Series) -> pd.Series:
    """Which rows of a tags table are learned tags (read back from their ``rule``)."""
    return rules.astype(str).str.startswith(LEARNED_PREFIX) | rules.astype(str).str.contains(f":{LEARNED_PREFIX}", regex=False)


def words_first(tags: pd.DataFrame) -> pd.DataFrame:
    """The tags with the rule layer's words for a label when it has them: a learned tag (a whole sentence)
    is dropped where rule tags found the same label (``found_by`` ``rules+model``) — for quotes and KWIC."""
    redundant = is_learned(tags["rule"]) & (tags["found_by"] == "rules+model") if "found_by" in tags.columns else False
    return tags[~redundant] if "found_by" in tags.columns else tags


def own_voice(found: dict, accused: bool) -> bool:
    """Whether a tag's evidence (``doc._.evidence[key]``) is the speaker's own assertion: not negated, and not
    reported from someone else unless the speaker is the accused party (whose press releases quote its own people)."""
    return not found["negated"] and (found["reported_by"] is None or accused)


def set_evidence(span: Span, negated: bool, reported_by: str | None, status: str | None, implied: bool = False) -> None:
    """A tag's evidence; ``implied``: the tag follows from another tag (CODEBOOK §5), ``counted`` is the coder's to set."""
    span.doc._.evidence[evidence_key(span)] = {
        "negated": negated, "reported_by": reported_by, "status": status, "implied": implied, "counted": False,
    }


def _getter(field: str):
    def get(span: Span):
        return (span.doc._.evidence or {}).get(evidence_key(span), {}).get(field)

    return get


def register() -> None:
    """Register the extensions once per process (idempotent)."""
    for name, default in (
        ("speaker", None),
        ("speaker_role", None),
        ("matches", None),
        ("evidence", None),
        ("context", None),
        ("corrective", None),
        ("codes", None),
        ("learned", None),
    ):
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=default)
    for name in ("negated", "reported_by", "status", "implied", "counted"):
        if not Span.has_extension(name):
            Span.set_extension(name, getter=_getter(name))


register()
