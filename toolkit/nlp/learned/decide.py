"""How the learned coder decides one analysed statement, and the evidence it leaves.

The rule layer has already tagged the ``Doc``. For a speaker who can be the
accused party (CODEBOOK §1), the gate of ``corrective`` decides whether the
statement is corrective; on a corrective statement each learnable label is
set when its gate's probability reaches its threshold, or when the text
classifier alone scores one of its unvetoed sentences above the label's
text threshold (a paraphrase no rule lists). A single-label dimension takes,
as the rule coder does, the label whose rule span comes first in the text,
else the most probable one. Labels that hold exactly when another dimension
has a label follow from it (CODEBOOK §5: the ``blame_shift`` strategy exactly
when a blame shift is set). Every set label keeps its evidence:

- the rule layer's own-voice spans of that label, when there are any;
- a **learned tag** on the sentence the text classifier scores highest for
  the label — unless that sentence is vetoed (negated predicate, someone
  else's words, or the same label negated by the rules in it) — carrying the
  model's probability and the most similar coded training statement. When
  no rule span and no unvetoed sentence supports a label, it is not set.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from spacy.tokens import Doc

from ...codebook import Codebook
from ..extensions import evidence_key, own_voice
from .features import FeatureSpace, rule_signals, sentences, vetoed
from .model import CORRECTIVE, LearnedModel


@dataclass
class LearnedTag:
    """A label the learned layer set, on the sentence that carries it."""

    dimension: str
    label: str
    start_char: int
    end_char: int
    text: str
    score: float
    nearest: str
    implied_by: str = ""


@dataclass
class Decision:
    """The learned coding of one statement: ``scores`` maps each target to its gate probability."""

    corrective: int
    codes: dict[str, list[str]]
    scores: dict[str, float] = field(default_factory=dict)
    tags: list[LearnedTag] = field(default_factory=list)
    version: str = ""


def derived(spec) -> bool:
    """A label set exactly when another dimension has any label (``implied_by`` a whole dimension)."""
    return bool(spec.implied_by) and all(i.label is None for i in spec.implied_by)


def learnable(book: Codebook) -> list[tuple[str, str, str]]:
    """``(column, dimension, label)`` of every label the learned layer decides itself, in codebook order."""
    return [
        (dim.column, name, label)
        for name, dim in book.dimensions.items()
        if dim.column
        for label, spec in dim.labels.items()
        if not derived(spec)
    ]


def targets_of(book: Codebook) -> list[str]:
    """``corrective`` and ``column:label`` for every learnable label, in codebook order."""
    return [CORRECTIVE] + [f"{column}:{label}" for column, _, label in learnable(book)]


def _own_spans(doc: Doc, dimension: str, label: str, accused: bool) -> list:
    """The rule layer's tags of ``label`` in the speaker's own voice."""
    evidence = doc._.evidence or {}
    return [s for s in doc.spans.get(dimension, []) if s.label_ == label and own_voice(evidence[evidence_key(s)], accused)]


def decide(doc: Doc, model: LearnedModel, book: Codebook, space: FeatureSpace, vectors: np.ndarray) -> Decision:
    """The learned coding of an analysed statement whose sentence vectors are ``vectors``."""
    accused = doc._.speaker_role in set(book.corrective_roles)
    sents = sentences(doc)
    columns = {dim.column: [] for dim in book.dimensions.values() if dim.column}
    if not accused or not sents:
        return Decision(0, columns)
    statement = vectors.mean(axis=0)
    statement = statement / (np.linalg.norm(statement) or 1.0)
    probability = model.gate(np.asarray([space.vector(rule_signals(doc, book))]), model.text_scores(statement[None, :]))[0]
    scores = {target: float(p) for target, p in zip(model.targets, probability)}
    corrective = int(scores[CORRECTIVE] >= model.threshold[model.index(CORRECTIVE)])
    decision = Decision(corrective, columns, scores, version=model.version)
    if not corrective:
        return decision
    sentence_scores = model.text_scores(vectors)
    chosen: dict[str, list[tuple]] = {}
    for column, dimension, label in learnable(book):
        target = f"{column}:{label}"
        i = model.index(target)
        if probability[i] < model.threshold[i] and sentence_scores[:, i].max() < model.text_threshold[i]:
            continue  # neither the gate nor any sentence's text score can set the label: no veto to check
        carrier = [k for k in np.argsort(-sentence_scores[:, i], kind="stable") if not vetoed(sents[k], accused, dimension, label)]
        by_text = bool(carrier) and sentence_scores[carrier[0], i] >= model.text_threshold[i]
        if probability[i] < model.threshold[i] and not by_text:
            continue
        rule_spans = _own_spans(doc, dimension, label, accused)
        if not rule_spans and not carrier:
            continue
        first = min((s.start_char for s in rule_spans), default=len(doc.text))
        chosen.setdefault(column, []).append((bool(rule_spans), -first, float(probability[i]), dimension, label))
        if carrier:
            sent = sents[int(carrier[0])]
            decision.tags.append(
                LearnedTag(dimension, label, sent.start_char, sent.end_char, sent.text, float(probability[i]),
                           model.nearest(vectors[int(carrier[0])], target))
            )
    for column, found in chosen.items():
        single = book.dimensions[book.columns[column]].cardinality == "single"
        kept = sorted(found, reverse=True)[:1] if single else found
        columns[column] = sorted(item[-1] for item in kept)
        if single:
            decision.tags = [t for t in decision.tags if t.dimension != kept[0][-2] or t.label == kept[0][-1]]
    _imply(decision, book)
    return decision


def _imply(decision: Decision, book: Codebook) -> None:
    """Set the labels that hold exactly when another dimension has a label (CODEBOOK §5), with its evidence."""
    for name, dim in book.dimensions.items():
        for label, spec in dim.labels.items():
            if not dim.column or not derived(spec):
                continue
            for implication in spec.implied_by:
                source = book.dimensions[implication.dimension]
                if not decision.codes.get(source.column):
                    continue
                decision.codes[dim.column] = sorted(set(decision.codes[dim.column]) | {label})
                for tag in [t for t in decision.tags if t.dimension == implication.dimension][:1]:
                    decision.tags.append(
                        LearnedTag(name, label, tag.start_char, tag.end_char, tag.text, tag.score, tag.nearest,
                                   implied_by=f"{implication.dimension}.{tag.label}")
                    )
