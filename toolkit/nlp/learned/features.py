"""What the learned layer reads from a statement the rule layer has analysed.

Two kinds of input, both computed from the analysed ``Doc``:

- **rule signals** — per dimension and label, how many of its tags are in
  the speaker's own voice, negated, or reported from someone else; the
  speaker's role, the language, the number of sentences and tokens, whether
  the rule coder found the statement corrective, and how much of it lies in
  a negation or reported-speech scope. Names come from the codebook, so a
  user's dimension gets its own signals.
- **sentences** — the statement's sentences (spaCy's parser), each of which
  the text classifiers score, so a learned tag can point at the sentence that
  carries it.

:func:`vetoed` is the learned layer's version of the rule layer's negation
and reported-speech checks.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from spacy.tokens import Doc, Span

from ...codebook import Codebook
from ..extensions import evidence_key

KINDS = ("own", "negated", "reported")
CORE_DEPENDENTS = ("nsubj", "nsubjpass", "nsubj:pass", "obj", "dobj", "attr", "acomp", "xcomp", "ccomp", "conj", "appos")


@dataclass(frozen=True)
class FeatureSpace:
    """The ordered names of the rule signals for one codebook (stored with fitted weights)."""

    names: tuple[str, ...]

    @classmethod
    def of(cls, book: Codebook) -> "FeatureSpace":
        names = [f"{dim}:{label}:{kind}" for dim, spec in book.dimensions.items() for label in spec.labels for kind in KINDS]
        names += [f"role:{role}" for role in book.roles]
        names += [f"lang:{lang}" for lang in sorted(book.languages)]
        names += ["rule_corrective", "log_sentences", "log_tokens", "negated_share", "reported_share"]
        return cls(tuple(names))

    def vector(self, signals: dict[str, float]) -> list[float]:
        return [float(signals.get(name, 0.0)) for name in self.names]


def rule_signals(doc: Doc, book: Codebook) -> dict[str, float]:
    """The rule layer's findings on one analysed statement, as named numbers."""
    evidence = doc._.evidence or {}
    accused = doc._.speaker_role in set(book.corrective_roles)
    signals: dict[str, float] = {}
    for dim in book.dimensions:
        for span in doc.spans.get(dim, []):
            found = evidence[evidence_key(span)]
            if found["negated"]:
                kind = "negated"
            elif found["reported_by"] is not None and not accused:
                kind = "reported"
            else:
                kind = "own"
            key = f"{dim}:{span.label_}:{kind}"
            signals[key] = signals.get(key, 0.0) + 1.0
    context = doc._.context or {}
    n = max(len(doc), 1)
    signals[f"role:{doc._.speaker_role}"] = 1.0
    signals[f"lang:{doc.lang_}"] = 1.0
    signals["rule_corrective"] = float(doc._.corrective or 0)
    signals["log_sentences"] = math.log1p(len(sentences(doc)))
    signals["log_tokens"] = math.log1p(len(doc))
    signals["negated_share"] = sum(1 for mark in context.get("negation", ()) if mark) / n
    signals["reported_share"] = sum(1 for mark in context.get("report", ()) if mark) / n
    return signals


def sentences(doc: Doc) -> list[Span]:
    """The statement's sentences with at least one non-space token."""
    return [sent for sent in doc.sents if sent.text.strip()]


def vetoed(sent: Span, accused: bool, dimension: str, label: str) -> bool:
    """Whether a sentence cannot carry a learned ``dimension``/``label`` tag.

    Vetoed when its main predicate — the root and its subject, object and
    complement dependents — lies in a negation scope, when its words are
    reported from someone else (as in the rule coder, words the accused party
    quotes stay its own voice), or when the rule layer found this very label
    negated inside it (« ni pirates, ni hackers, juste une erreur » keeps its
    root « erreur » un-negated, but its ``external_attacker`` is negated).
    """
    context = sent.doc._.context or {}
    negation, report = context.get("negation"), context.get("report")
    if negation is None:
        return False
    core = [sent.root] + [t for t in sent.root.children if t.dep_ in CORE_DEPENDENTS]
    if any(negation[t.i] for t in core) or (bool(report[sent.root.i]) and not accused):
        return True
    evidence = sent.doc._.evidence or {}
    return any(
        span.label_ == label and evidence[evidence_key(span)]["negated"] and sent.start <= span.start < sent.end
        for span in sent.doc.spans.get(dimension, [])
    )
