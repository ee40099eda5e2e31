"""Negation, reported speech and status cues, and the tokens they scope over.

A NegEx / ConText-style component (Chapman et al. 2001; Harkema et al. 2009):
each cue from ``<lang>/context.jsonl`` scopes ``window`` tokens forward,
backward or both, within its sentence, stopping at ``terminate`` cues. Text
inside quotation marks (``language.yaml``) is reported speech. The taggers
downstream read the per-token marks from ``doc._.context``:

- ``negation``: id of the negation cue scoping over each token, or ``None``
  (a cue does not negate itself: « nous démentons » is a denial, not a
  negated one), and ``negation_cue``: where that cue starts;
- ``report``: who a token's words are attributed to (a subject, the object of
  "according to", the account named before a quote, or ``"unknown source"``);
- ``status``: ``promised`` / ``ongoing`` / ``done`` cue scoping over the token;
- ``status_cues``: the cue tokens themselves, so a cue that is an auxiliary of
  an action verb counts even outside its window.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from ...codebook import STATUSES, Codebook
from ._codebook_state import CODEBOOK_DEFAULT, CodebookComponent

UNKNOWN_SOURCE = "unknown source"
SUBJECT_DEPS = ("nsubj", "nsubjpass", "nsubj:pass", "csubj", "expl:subj")
MAX_SOURCE_TOKENS = 6
QUOTE_LOOKBACK = 15


@Language.factory(
    "toolkit_context",
    assigns=["doc._.context"],
    default_config={"codebook": CODEBOOK_DEFAULT},
    requires=["doc._.matches"],
)
def make_context(nlp: Language, name: str, codebook: Codebook) -> "ContextMarker":
    return ContextMarker(nlp, name, codebook)


class ContextMarker(CodebookComponent):
    """Marks the scope of negation, reporting and status cues on every token."""

    def __init__(self, nlp: Language, name: str, codebook: Codebook):
        self.name = name
        self.book = codebook
        lang = codebook.language(nlp.lang)
        self.rules = lang.context
        self.quotes = lang.quotes

    def __call__(self, doc: Doc) -> Doc:
        n = len(doc)
        negation: list[str | None] = [None] * n
        negation_cue: list[int | None] = [None] * n
        report: list[str | None] = [None] * n
        status: list[str | None] = [None] * n
        status_cues: dict[str, list[int]] = {s: [] for s in STATUSES}
        hits = doc._.matches
        matches = sorted(
            ((self.rules[rule_id], start, end) for rule_id in self.rules for start, end in hits.get(rule_id, ())),
            key=lambda m: (m[1], m[2], m[0].id),
        )
        stops = {i for rule, start, end in matches if rule.category == "terminate" for i in range(start, end)}
        for rule, start, end in matches:
            if rule.category == "terminate":
                continue
            scope = self._scope(doc, rule, start, end, stops)
            if rule.category == "negation":
                for i in scope:
                    if negation[i] is None:
                        negation[i], negation_cue[i] = rule.id, start
            elif rule.category == "report":
                source = _source_of_report(doc, start, end)
                for i in scope:
                    report[i] = report[i] or source
            else:
                status_cues[rule.category].extend(range(start, end))
                for i in scope:
                    status[i] = _stronger(status[i], rule.category)
        for start, end, source in self._quotes(doc):
            for i in range(start, end):
                report[i] = report[i] or source
        doc._.context = {
            "negation": negation,
            "negation_cue": negation_cue,
            "report": report,
            "status": status,
            "status_cues": status_cues,
        }
        return doc

    @staticmethod
    def _scope(doc: Doc, rule, start: int, end: int, stops: set[int]) -> list[int]:
        sent = doc[start].sent
        scope: list[int] = []
        if rule.direction in ("forward", "both"):
            for i in range(end, min(end + rule.window, sent.end)):
                if rule.stops_at_terminators and i in stops:
                    break
                scope.append(i)
        if rule.direction in ("backward", "both"):
            for i in range(start - 1, max(start - rule.window, sent.start) - 1, -1):
                if rule.stops_at_terminators and i in stops:
                    break
                scope.append(i)
        return scope

    def _quotes(self, doc: Doc) -> list[tuple[int, int, str]]:
        """Token ranges inside quotation marks, with the account named before them."""
        found = []
        text = doc.text
        for opening, closing in self.quotes:
            pos = 0
            while (begin := text.find(opening, pos)) != -1:
                finish = text.find(closing, begin + len(opening))
                if finish == -1:
                    break
                span = doc.char_span(begin, finish + len(closing), alignment_mode="expand")
                if span is not None and len(span) > 2:
                    found.append((span.start, span.end, _source_before(doc, span.start)))
                pos = finish + len(closing)
        return found


def _stronger(current: str | None, new: str) -> str:
    """promised beats ongoing beats done when cues overlap."""
    if current is None:
        return new
    return min(current, new, key=STATUSES.index)


def _source_of_report(doc: Doc, start: int, end: int) -> str:
    """Who a reporting cue attributes words to: the verb's subject or what follows 'according to'."""
    cue = doc[start:end]
    for child in cue.root.children:
        if child.dep_ in SUBJECT_DEPS:
            tokens = list(child.subtree)[:MAX_SOURCE_TOKENS]
            return doc[tokens[0].i : tokens[-1].i + 1].text
    words = []
    for token in doc[end : min(end + MAX_SOURCE_TOKENS, cue.sent.end)]:
        if token.is_punct or token.is_space:
            break
        words.append(token)
    if words and any(t.pos_ in ("PROPN", "NOUN", "PRON") for t in words):
        return doc[words[0].i : words[-1].i + 1].text
    return UNKNOWN_SOURCE


def _source_before(doc: Doc, start: int) -> str:
    """The nearest @account or proper name before a quote (within a few tokens)."""
    for token in reversed(doc[max(0, start - QUOTE_LOOKBACK) : start]):
        if token.text.startswith("@") and len(token.text) > 1:
            return token.text
    for token in reversed(doc[max(0, start - QUOTE_LOOKBACK) : start]):
        if token.pos_ == "PROPN":
            return token.text
        if token.dep_ in SUBJECT_DEPS and token.pos_ in ("NOUN", "PRON"):
            return token.text
    return UNKNOWN_SOURCE
