"""Claims (CODEBOOK §6): the propositions each statement makes, built from the analyzer tags.

Every rule tag of a dimension with a ``claim_kind`` becomes a claim, except
tags implied by another tag (they repeat their source). Every learned tag (a
sentence that carries a label of a coded dimension, with ``rule`` = the
model id; its kind is the dimension's ``claim_kind``, else the dimension:
a learned ``denial`` is a ``strategy`` claim) becomes a claim too, but only
the learned pair model links it: it has no polarity analysis of its own, so
no ``links.yaml`` rule tests it (nor is it kept where the rules found the
same label: their claim says it). Without them a statement that only the
learned layer finds corrective, or whose labels no rule spans, has no claims
and no links. Measured by leave-one-case-out over the train cases (298 gold
links; rule links plus the pair model): rule claims only, link F1 0.33;
plus learned tags of claim dimensions (as the issue suggested), 0.35; plus
every learned tag, 0.41 — so every learned tag is a claim source.
One claim per statement,
proposition, polarity and speaker: repeated wordings keep the first span.
A claim's speaker is the statement's speaker, or, for reported speech in a
statement by anyone but the accused party, the party it quotes ("the account
was hacked, officials said" is the officials' claim, not the journalist's).
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

import pandas as pd

from ..codebook import Codebook
from ..nlp.extensions import is_implied, is_learned, words_first

CLAIM_COLUMNS = [
    "case_id",
    "claim_id",
    "statement_id",
    "speaker",
    "source",
    "kind",
    "dimension",
    "proposition",
    "polarity",
    "start_char",
    "end_char",
    "text",
    "rule",
]


def extract_claims(statements: pd.DataFrame, tags: pd.DataFrame, book: Codebook) -> pd.DataFrame:
    """One row per claim (rule tags and learned tags), in statement order then text order."""
    kinds = {name: dim.claim_kind for name, dim in book.dimensions.items() if dim.claim_kind}
    coded = {name: dim.claim_kind or name for name, dim in book.dimensions.items() if dim.column}
    accused_roles = set(book.corrective_roles)
    tags = words_first(tags)  # a learned tag whose label the rules also found repeats their claim
    from_model = is_learned(tags["rule"])
    keep = ~is_implied(tags["rule"]) & (
        (tags["dimension"].isin(list(kinds)) & ~from_model)
        | (tags["dimension"].isin(list(coded)) & from_model)
    )
    candidates = tags[keep]
    kinds = {**coded, **kinds}
    if candidates.empty:
        return pd.DataFrame(columns=CLAIM_COLUMNS)
    who = statements[["case_id", "statement_id", "speaker", "speaker_role"]]
    frame = candidates.merge(who, on=["case_id", "statement_id"], how="left", validate="many_to_one")
    reported = (frame["reported_by"] != "") & ~frame["speaker_role"].isin(accused_roles)
    frame["source"] = reported.map({True: "reported", False: "own"})
    frame["speaker"] = frame["speaker"].where(~reported, frame["reported_by"])
    frame["kind"] = frame["dimension"].map(kinds)
    frame["proposition"] = frame["label"]
    frame["polarity"] = frame["negated"].map({1: "negated", 0: "asserted"})
    frame = frame.drop_duplicates(["case_id", "statement_id", "dimension", "proposition", "polarity", "speaker"])
    frame["claim_id"] = (
        frame["statement_id"].astype(str)
        + ":" + frame["dimension"] + "." + frame["proposition"]
        + frame["polarity"].map({"negated": ":not", "asserted": ""})
        + frame["source"].map({"reported": ":reported", "own": ""})
    )
    return frame[CLAIM_COLUMNS].reset_index(drop=True)


@lru_cache(maxsize=65536)
def _party_words(name: str, stopwords: frozenset[str]) -> frozenset[str]:
    """Content words of a speaker or source name, accent- and case-folded (@handles kept whole)."""
    folded = unicodedata.normalize("NFKD", str(name)).encode("ascii", "ignore").decode().lower()
    words = "".join(c if c.isalnum() else " " for c in folded).split()
    return frozenset(w for w in words if len(w) >= 3 and w not in stopwords)


def same_party(a: str, b: str, stopwords: frozenset[str]) -> bool:
    """Whether two names share a content word: 'la présidence' and 'Presidence Mali (@PresidenceMali)' do."""
    if a == b:
        return True
    return bool(_party_words(a, stopwords) & _party_words(b, stopwords))
