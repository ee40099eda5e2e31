"""One analyzer per codebook dimension: pattern matches and implied tags into ``doc.spans``.

Each instance tags one dimension (``cause``, ``audience``, ``blame_shift``,
``remediation``, ``strategy`` …) from ``<lang>/<dimension>.jsonl``: token
patterns on lemmas through ``Matcher``, structural ones (the agent of a
passive) through ``DependencyMatcher``. Labels with ``implied_by`` in
``dimensions.yaml`` also take the tags of earlier dimensions (CODEBOOK §5:
``blame_shift`` exactly when a §3 label is set). Every tag records, in
``doc._.evidence``, whether it is negated, whom it is reported from, and for
status dimensions whether the action is done, ongoing or promised.
"""

from __future__ import annotations

from collections import defaultdict

from spacy.language import Language
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from ...codebook import STATUSES, Codebook, Dimension, LanguageCodebook
from ..extensions import evidence_key, implied_rule, set_evidence
from ._codebook_state import CODEBOOK_DEFAULT, CodebookComponent

AUX_DEPS = ("aux", "aux:pass", "aux:tense", "auxpass", "cop")


@Language.factory(
    "toolkit_dimension",
    assigns=["doc.spans", "doc._.evidence"],
    default_config={"dimension": None, "codebook": CODEBOOK_DEFAULT},
    requires=["doc._.matches", "doc._.context"],
)
def make_dimension_tagger(nlp: Language, name: str, dimension: str, codebook: Codebook) -> "DimensionTagger":
    return DimensionTagger(nlp, name, dimension, codebook)


class DimensionTagger(CodebookComponent):
    """Tags one codebook dimension into ``doc.spans[dimension]``."""

    def __init__(self, nlp: Language, name: str, dimension: str, codebook: Codebook):
        self.name = name
        self.book = book = codebook
        self.dimension: Dimension = book.dimensions[dimension]
        self.lang: LanguageCodebook = book.language(nlp.lang)
        self.labels = {rule.id: rule.label for rule in self.lang.rules_for(dimension)}
        self.absorbs = {rule.id: rule.absorbs_negation for rule in self.lang.rules_for(dimension)}

    def __call__(self, doc: Doc) -> Doc:
        if doc._.evidence is None:
            doc._.evidence = {}
        spans = self._matched(doc)
        context = doc._.context
        for span in spans:
            negated = _negated(context, span, self.absorbs[span.id_])
            status = self._status(doc, span) if self.dimension.status else None
            set_evidence(span, negated, _reported(context, span), status)
        spans.extend(self._implied(doc))
        doc.spans[self.dimension.name] = sorted(spans, key=lambda s: (s.start, s.end, s.label_))
        return doc

    def _matched(self, doc: Doc) -> list[Span]:
        """Pattern matches; overlapping matches of one label keep the longest."""
        by_label: dict[str, list[Span]] = defaultdict(list)
        for rule_id, hits in doc._.matches.items():
            label = self.labels.get(rule_id)
            for start, end in hits if label else ():
                by_label[label].append(Span(doc, start, end, label=label, span_id=rule_id))
        return [span for label in sorted(by_label) for span in filter_spans(by_label[label])]

    def _implied(self, doc: Doc) -> list[Span]:
        """Tags set by earlier dimensions' tags, keeping their words and rule."""
        implied = []
        evidence = doc._.evidence
        for label in self.dimension.labels.values():
            for rule in label.implied_by:
                for source in doc.spans.get(rule.dimension, []):
                    if rule.label is not None and source.label_ != rule.label:
                        continue
                    found = evidence[evidence_key(source)]
                    if rule.negated is not None and found["negated"] != rule.negated:
                        continue
                    span = Span(
                        doc,
                        source.start,
                        source.end,
                        label=label.name,
                        span_id=implied_rule(rule.dimension, source),
                    )
                    negated = found["negated"] if rule.negated is None else False
                    set_evidence(span, negated, found["reported_by"], found["status"], implied=True)
                    implied.append(span)
        return implied

    def _status(self, doc: Doc, span: Span) -> str:
        """done / ongoing / promised from cues, then tense, aspect and mood of the action's verb."""
        context = doc._.context
        anchor = _anchor(span)
        group = [anchor, *(c for c in anchor.children if c.dep_ in AUX_DEPS)] if anchor is not None else []
        if anchor is not None and len(group) == 1 and anchor.dep_ == "conj":
            # « seront contactés puis remboursés »: a bare coordinated verb shares its head's auxiliaries
            group += [c for c in anchor.head.children if c.dep_ in AUX_DEPS]
        cue_tokens = {i: s for s in STATUSES for i in context["status_cues"][s]}
        candidates = [context["status"][i] for i in range(span.start, span.end) if context["status"][i]]
        candidates += [cue_tokens[t.i] for t in group if t.i in cue_tokens]
        candidates += [cue_tokens[c.i] for t in group for c in t.children if c.i in cue_tokens]
        if anchor is not None and context["status"][anchor.i]:
            candidates.append(context["status"][anchor.i])
        for status in STATUSES:
            if status in candidates:
                return status
        for status in STATUSES:
            wanted = self.lang.status_morph.get(status, [])
            if any(feature in str(t.morph).split("|") for t in group for feature in wanted):
                return status
        if any("VerbForm=Fin" in str(t.morph) for t in group):
            return self.lang.present_status
        return "done"


def _anchor(span: Span) -> Token | None:
    """The predicate that carries an action's tense: in the span or governing it.

    An infinitive (« pour en démasquer les auteurs », "to identify the
    culprits") takes its tense from the predicate it depends on.
    """
    anchor = next((t for t in span if t.pos_ == "VERB"), None)
    if anchor is None:
        root = span.root
        anchor = next((t for t in (root, root.head, root.head.head) if t.pos_ in ("VERB", "AUX")), None)
    while anchor is not None and "VerbForm=Inf" in str(anchor.morph) and anchor.head.i != anchor.i:
        anchor = anchor.head
    return anchor


def _negated(context: dict, span: Span, absorbs: bool) -> bool:
    """Whether a negation cue scopes over the span (for ``absorbs_negation`` rules: a cue outside it)."""
    for i in range(span.start, span.end):
        if context["negation"][i] and not (absorbs and span.start <= context["negation_cue"][i] < span.end):
            return True
    return False


def _reported(context: dict, span: Span) -> str | None:
    for i in range(span.start, span.end):
        if context["report"][i]:
            return context["report"][i]
    return None
