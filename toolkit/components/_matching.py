"""Compile codebook patterns into spaCy matchers that only run where they can match.

spaCy's ``Matcher`` tries every pattern at every token, and evaluates
Python-level predicates (``IN``, ``REGEX``) there: with a few hundred
patterns that costs more than parsing. Every pattern has a required token
with a literal set of words or lemmas (its *anchor*: the most selective
one), so :class:`RuleIndex` looks anchors up in a dictionary per token and
runs each rule's own ``Matcher`` only on the window around an anchor that a
match can span. Results are exactly those of a plain ``Matcher``.
Patterns are validated as written; errors name the codebook file and line.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from spacy.matcher import DependencyMatcher, Matcher
from spacy.tokens import Doc
from spacy.vocab import Vocab

from ..errors import CodebookError, Errors

UNBOUNDED = None
QUANTIFIER = re.compile(r"^\{(\d*),?(\d*)\}$")


@dataclass
class CompiledRule:
    """One token-pattern rule: its matcher, its anchor and how far a match reaches around it."""

    id: str
    matcher: Matcher
    before: int | None = UNBOUNDED
    after: int | None = UNBOUNDED
    lowers: frozenset[str] = frozenset()
    lemmas: frozenset[str] = frozenset()
    regex: re.Pattern | None = None
    always: bool = False
    direct: bool = False


def _width(token: dict[str, Any]) -> int | None:
    """The most tokens one pattern token can consume (None: unbounded)."""
    op = token.get("OP")
    if op in (None, "!", "?"):
        return 1
    if op in ("*", "+"):
        return UNBOUNDED
    quantified = QUANTIFIER.match(op)
    if quantified and quantified.group(2):
        return int(quantified.group(2))
    return UNBOUNDED


def _reach(tokens: list[dict[str, Any]]) -> int | None:
    total = 0
    for token in tokens:
        width = _width(token)
        if width is UNBOUNDED:
            return UNBOUNDED
        total += width
    return total


def _literals(value: Any) -> list[str] | None:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict) and set(value) == {"IN"}:
        return [str(v) for v in value["IN"]]
    return None


def _cost(vocab: Vocab, values: Iterable[str]) -> int:
    """How often an anchor set fires: stop words and short tokens count heavily."""
    return sum(50 if len(v) <= 2 or vocab[v.lower()].is_stop else 1 for v in values)


def _anchor(vocab: Vocab, rule_id: str, pattern: list[dict[str, Any]], matcher: Matcher) -> CompiledRule:
    """Choose the rarest required token as the rule's anchor.

    A one-token pattern constrained by one literal or regex attribute is matched
    by its anchor alone (``direct``), without running the matcher.
    """
    best: tuple[int, int, dict[str, Any]] | None = None
    for index, token in enumerate(pattern):
        if "OP" in token:
            continue
        upper = {k.upper(): v for k, v in token.items()}
        candidate: dict[str, Any] = {}
        for attr in ("LOWER", "ORTH", "TEXT", "NORM"):
            if (values := _literals(upper.get(attr))) is not None:
                candidate = {"lowers": frozenset(v.lower() for v in values)}
            elif isinstance(upper.get(attr), dict) and set(upper[attr]) == {"REGEX"} and attr == "LOWER":
                candidate = candidate or {"regex": re.compile(upper[attr]["REGEX"])}
        if (values := _literals(upper.get("LEMMA"))) is not None:
            if not candidate.get("lowers") or _cost(vocab, values) < _cost(vocab, candidate["lowers"]):
                candidate = {"lemmas": frozenset(values)}
        if not candidate:
            continue
        words = candidate.get("lowers", candidate.get("lemmas"))
        cost = _cost(vocab, words) if words else 500
        if best is None or cost < best[0]:
            best = (cost, index, candidate)
    if best is None:
        return CompiledRule(rule_id, matcher, always=True)
    _, index, candidate = best
    direct = len(pattern) == 1 and len(pattern[0]) == 1 and next(iter(pattern[0])).upper() in ("LOWER", "LEMMA")
    return CompiledRule(
        rule_id,
        matcher,
        before=_reach(pattern[:index]),
        after=_reach(pattern[index + 1 :]),
        direct=direct,
        **candidate,
    )


@dataclass
class RuleIndex:
    """All token and dependency rules of a language, matched through their anchors."""

    vocab: Vocab
    rules: list[CompiledRule] = field(default_factory=list)
    dep_matcher: DependencyMatcher | None = None

    @classmethod
    def build(cls, vocab: Vocab, rules: Iterable) -> "RuleIndex":
        index = cls(vocab)
        index.dep_matcher = DependencyMatcher(vocab, validate=True)
        for rule in rules:
            try:
                if getattr(rule, "dependency", False):
                    index.dep_matcher.add(rule.id, [rule.pattern])
                    continue
                matcher = Matcher(vocab, validate=True)
                matcher.add(rule.id, [rule.pattern])
                index.rules.append(_anchor(vocab, rule.id, rule.pattern, matcher))
            except (ValueError, KeyError, TypeError) as exc:
                problem = " ".join(str(exc).split())[:300]
                raise CodebookError(Errors.E024.format(where=rule.source, problem=problem)) from None
        index._compile_lookup()
        return index

    def _compile_lookup(self) -> None:
        self._by_lower: dict[str, list[int]] = defaultdict(list)
        self._by_lemma: dict[str, list[int]] = defaultdict(list)
        self._regex = [(n, r.regex) for n, r in enumerate(self.rules) if r.regex is not None]
        self._always = [n for n, r in enumerate(self.rules) if r.always]
        for n, rule in enumerate(self.rules):
            for word in rule.lowers:
                self._by_lower[word].append(n)
            for lemma in rule.lemmas:
                self._by_lemma[lemma].append(n)
        self._lower_memo: dict[str, tuple[int, ...]] = {}

    def _rules_for_lower(self, lower: str) -> tuple[int, ...]:
        found = self._lower_memo.get(lower)
        if found is None:
            found = tuple(self._by_lower.get(lower, ())) + tuple(n for n, rx in self._regex if rx.search(lower))
            if len(self._lower_memo) < 500_000:
                self._lower_memo[lower] = found
        return found

    def __call__(self, doc: Doc) -> list[tuple[str, int, int]]:
        """``(rule_id, start, end)`` of every match, in text order, without repeats."""
        anchors: dict[int, list[int]] = defaultdict(list)
        by_lemma = self._by_lemma
        for token in doc:
            i = token.i
            for n in self._rules_for_lower(token.lower_):
                anchors[n].append(i)
            for n in by_lemma.get(token.lemma_, ()):
                anchors[n].append(i)
        size = len(doc)
        found: set[tuple[str, int, int]] = set()
        for n in self._always:
            anchors[n] = [0]
        for n, positions in anchors.items():
            rule = self.rules[n]
            if rule.direct:
                found.update((rule.id, i, i + 1) for i in positions)
                continue
            for start, end in _windows(positions, rule, size):
                for _, s, e in rule.matcher(doc[start:end]):
                    found.add((rule.id, start + s, start + e))
        if len(self.dep_matcher):
            strings = doc.vocab.strings
            for key, token_ids in self.dep_matcher(doc):
                found.add((strings[key], min(token_ids), max(token_ids) + 1))
        return sorted(found, key=lambda m: (m[1], m[2], m[0]))


def _windows(positions: list[int], rule: CompiledRule, size: int) -> list[tuple[int, int]]:
    """Merged token windows around anchor positions that any match of the rule must fall within."""
    if rule.always or rule.before is UNBOUNDED or rule.after is UNBOUNDED:
        return [(0, size)]
    windows: list[tuple[int, int]] = []
    for position in sorted(set(positions)):
        start, end = max(0, position - rule.before), min(size, position + rule.after + 1)
        if windows and start <= windows[-1][1]:
            windows[-1] = (windows[-1][0], max(windows[-1][1], end))
        else:
            windows.append((start, end))
    return windows
