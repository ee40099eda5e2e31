"""Compile codebook patterns into spaCy matchers that only run where they can match.

spaCy's ``Matcher`` tries every pattern at every token, and evaluates
Python-level predicates (``IN``, ``REGEX``) there: with a few hundred
patterns that costs more than parsing. Every pattern has a required token
with a literal set of words or lemmas (its *anchor*: the rarest one), so
:class:`RuleIndex` looks anchors up in a dictionary per token and only
tries a rule where its anchor occurs: patterns of bounded length are matched
outwards from the anchor by :func:`_spread` (token tests compiled from the
pattern), others by the rule's own ``Matcher`` on the window around the
anchor. Token tests read one table of attribute hashes per doc
(``Doc.to_array``) instead of building ``Token`` objects. Results are exactly
those of a plain ``Matcher`` (a test compares them). Patterns are validated as
written; errors name the codebook file and line.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from spacy.attrs import DEP, IDS, LEMMA, LOWER, MORPH, NORM, ORTH, POS, SENT_START, TAG
from spacy.matcher import DependencyMatcher, Matcher
from spacy.tokens import Doc
from spacy.strings import StringStore
from spacy.vocab import Vocab

from ...errors import CodebookError, Errors

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
    steps: list["_Step"] | None = None  # the pattern as token tests, when it has bounded length
    anchor_index: int = 0


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
        steps=_steps(vocab.strings, pattern),
        anchor_index=index,
        **candidate,
    )


@dataclass(frozen=True)
class _Step:
    """One pattern token as a test, repeated ``low`` to ``high`` times."""

    test: Any
    low: int
    high: int


# Pattern attribute -> the Doc.to_array column its tests read. LOWER and LEMMA come first: they key the anchors.
STRING_ATTRS = {"LOWER": LOWER, "LEMMA": LEMMA, "ORTH": ORTH, "TEXT": ORTH, "NORM": NORM, "POS": POS, "TAG": TAG, "DEP": DEP, "MORPH": MORPH}
FLAG_ATTRS = ("IS_PUNCT", "IS_SPACE", "IS_ALPHA", "IS_DIGIT", "IS_STOP", "LIKE_NUM")
COLUMNS = [*dict.fromkeys(STRING_ATTRS.values()), SENT_START, *(IDS[name] for name in FLAG_ATTRS)]
COLUMN = {attr: n for n, attr in enumerate(COLUMNS)}


def _token_table(doc: Doc) -> list[list[int]]:
    """Every token's attribute values (string hashes, symbol ids, flags) in ``COLUMNS`` order."""
    return doc.to_array(COLUMNS).tolist()


def _cached(strings: StringStore, predicate) -> dict:
    """A dict that computes ``predicate(string)`` for a hash on first lookup and keeps it."""

    class Memo(dict):
        def __missing__(self, key: int) -> bool:
            self[key] = value = predicate(strings[key])
            return value

    return Memo()


def _value_test(strings: StringStore, attr: str, value: Any):
    """A test of one attribute on a row of :func:`_token_table`, or None for what it does not cover."""
    if attr == "IS_SENT_START" and isinstance(value, bool):
        k = COLUMN[SENT_START]
        return lambda r: (r[k] == 1) == value
    if attr in FLAG_ATTRS and isinstance(value, bool):
        k = COLUMN[IDS[attr]]
        return lambda r: bool(r[k]) == value
    if attr not in STRING_ATTRS:
        return None
    k = COLUMN[STRING_ATTRS[attr]]
    if attr == "MORPH":
        if isinstance(value, dict) and set(value) == {"IS_SUPERSET"}:
            wanted = set(value["IS_SUPERSET"])
            memo = _cached(strings, lambda text: wanted <= set(text.split("|")))
            return lambda r: memo[r[k]]
        return None
    if isinstance(value, str):
        wanted_hash = strings.add(value)
        return lambda r: r[k] == wanted_hash
    if isinstance(value, dict) and len(value) == 1:
        (op, arg), = value.items()
        if op == "IN":
            members = frozenset(strings.add(v) for v in arg)
            return lambda r: r[k] in members
        if op == "NOT_IN":
            members = frozenset(strings.add(v) for v in arg)
            return lambda r: r[k] not in members
        if op == "REGEX":
            compiled = re.compile(arg)
            memo = _cached(strings, lambda text: compiled.search(text) is not None)
            return lambda r: memo[r[k]]
    return None


def _steps(strings: StringStore, pattern: list[dict[str, Any]]) -> list[_Step] | None:
    """The pattern as bounded token tests, or None if a token or operator is not covered."""
    steps = []
    for token in pattern:
        op = token.get("OP")
        if op is None:
            low, high = 1, 1
        elif op == "?":
            low, high = 0, 1
        elif (quantified := QUANTIFIER.match(op)) and quantified.group(2):
            low, high = int(quantified.group(1) or 0), int(quantified.group(2))
            if "," not in op:
                low = high
        else:
            return None
        tests = []
        for key, value in token.items():
            if key == "OP":
                continue
            test = _value_test(strings, key.upper(), value)
            if test is None:
                return None
            tests.append(test)
        steps.append(_Step(_all(tests), low, high))
    return steps


def _all(tests: list):
    """One test that passes when all of ``tests`` pass on a row (any row, for none)."""
    if not tests:
        return lambda r: True
    if len(tests) == 1:
        return tests[0]
    tests = tuple(tests)
    return lambda r: all(f(r) for f in tests)


def _spread(table: list[list[int]], steps: list[_Step], boundary: int, forward: bool) -> set[int]:
    """Boundaries reachable from ``boundary`` by consuming ``steps`` forward (or backward)."""
    size = len(table)
    frontier = {boundary}
    for step in steps:
        reached: set[int] = set()
        for position in frontier:
            if step.low == 0:
                reached.add(position)
            current = position
            for count in range(1, step.high + 1):
                index = current if forward else current - 1
                if not 0 <= index < size or not step.test(table[index]):
                    break
                current = index + 1 if forward else index
                if count >= step.low:
                    reached.add(current)
        frontier = reached
        if not frontier:
            break
    return frontier


@dataclass
class RuleIndex:
    """All token and dependency rules of a language, matched through their anchors."""

    vocab: Vocab
    rules: list[CompiledRule] = field(default_factory=list)
    dep_fallback: DependencyMatcher | None = None
    dep_rules: list["DepRule"] = field(default_factory=list)

    @classmethod
    def build(cls, vocab: Vocab, rules: Iterable) -> "RuleIndex":
        index = cls(vocab)
        checker = DependencyMatcher(vocab, validate=True)
        index.dep_fallback = DependencyMatcher(vocab, validate=False)
        for rule in rules:
            try:
                if getattr(rule, "dependency", False):
                    checker.add(rule.id, [rule.pattern])  # validates as written
                    compiled = _dep_rule(vocab, rule.id, rule.pattern)
                    if compiled is None:
                        index.dep_fallback.add(rule.id, [rule.pattern])
                    else:
                        index.dep_rules.append(compiled)
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
        """Anchor tables keyed by string hashes, as ``Doc.to_array`` gives them."""
        strings = self.vocab.strings
        self._by_lower: dict[int, list[int]] = defaultdict(list)
        self._by_lemma: dict[int, list[int]] = defaultdict(list)
        self._regex = [(n, r.regex) for n, r in enumerate(self.rules) if r.regex is not None]
        self._always = [n for n, r in enumerate(self.rules) if r.always]
        for n, rule in enumerate(self.rules):
            for word in rule.lowers:
                self._by_lower[strings.add(word)].append(n)
            for lemma in rule.lemmas:
                self._by_lemma[strings.add(lemma)].append(n)
        base = len(self.rules)
        for n, rule in enumerate(self.dep_rules, start=base):
            table = self._by_lemma if rule.kind == "lemmas" else self._by_lower
            for word in rule.words:
                table[strings.add(word)].append(n)
        self._lower_memo: dict[int, tuple[int, ...]] = {}

    def _rules_for_lower(self, lower: int) -> tuple[int, ...]:
        found = self._lower_memo.get(lower)
        if found is None:
            text = self.vocab.strings[lower]
            found = tuple(self._by_lower.get(lower, ())) + tuple(n for n, rx in self._regex if rx.search(text))
            if len(self._lower_memo) < 500_000:
                self._lower_memo[lower] = found
        return found

    def __call__(self, doc: Doc) -> list[tuple[str, int, int]]:
        """``(rule_id, start, end)`` of every match, in text order, without repeats."""
        anchors: dict[int, list[int]] = defaultdict(list)
        lemma_rules = self._by_lemma.get
        lower_rules = self._lower_memo.get
        table = _token_table(doc)
        for i, (lower, lemma, *_) in enumerate(table):
            hits = lower_rules(lower)
            if hits is None:
                hits = self._rules_for_lower(lower)
            for n in hits:
                anchors[n].append(i)
            for n in lemma_rules(lemma, ()):
                anchors[n].append(i)
        size = len(doc)
        base = len(self.rules)
        found: set[tuple[str, int, int]] = set()
        for n in self._always:
            anchors[n] = [0]
        for n, positions in anchors.items():
            if n >= base:
                dep = self.dep_rules[n - base]
                found.update((dep.id, s, e) for s, e in dep.matches(doc, table, positions))
                continue
            rule = self.rules[n]
            if rule.direct:
                found.update((rule.id, i, i + 1) for i in positions)
                continue
            if rule.steps is not None:
                found.update((rule.id, s, e) for s, e in _around(table, rule, positions))
                continue
            for start, end in _windows(positions, rule, size):
                for _, s, e in rule.matcher(doc[start:end]):
                    found.add((rule.id, start + s, start + e))
        if len(self.dep_fallback):
            strings = doc.vocab.strings
            for key, token_ids in self.dep_fallback(doc):
                found.add((strings[key], min(token_ids), max(token_ids) + 1))
        return sorted(found, key=lambda m: (m[1], m[2], m[0]))


@dataclass(frozen=True)
class DepRule:
    """A dependency pattern whose nodes hang under their parent (``>``), matched from its anchor word.

    ``parents[j]`` is the node that node ``j`` is a direct child of; the anchor
    node's token leads up, through ``.head``, to the root node's token.
    """

    id: str
    tests: tuple
    parents: tuple[int | None, ...]
    anchor: int
    kind: str
    words: frozenset[str]

    def matches(self, doc: Doc, table: list[list[int]], positions: list[int]) -> set[tuple[int, int]]:
        roots = set()
        for position in set(positions):
            if not self.tests[self.anchor](table[position]):
                continue
            token, node = doc[position], self.anchor
            while self.parents[node] is not None:
                token, node = token.head, self.parents[node]
            roots.add(token.i)
        found: set[tuple[int, int]] = set()
        for root in roots:
            if self.tests[0](table[root]):
                self._assign(doc, table, [root], found)
        return found

    def _assign(self, doc: Doc, table: list[list[int]], chosen: list[int], found: set[tuple[int, int]]) -> None:
        node = len(chosen)
        if node == len(self.tests):
            found.add((min(chosen), max(chosen) + 1))
            return
        for child in doc[chosen[self.parents[node]]].children:
            if self.tests[node](table[child.i]):
                self._assign(doc, table, [*chosen, child.i], found)


def _dep_rule(vocab: Vocab, rule_id: str, pattern: list[dict[str, Any]]) -> DepRule | None:
    """Compile a dependency pattern of ``>`` relations with covered attributes, else None."""
    names: dict[str, int] = {}
    tests, parents = [], []
    best = None
    for index, node in enumerate(pattern):
        if index == 0:
            parents.append(None)
        elif node.get("REL_OP") != ">" or node.get("LEFT_ID") not in names:
            return None
        else:
            parents.append(names[node["LEFT_ID"]])
        names[node["RIGHT_ID"]] = index
        attrs = {k.upper(): v for k, v in node.get("RIGHT_ATTRS", {}).items()}
        checks = [_value_test(vocab.strings, attr, value) for attr, value in attrs.items()]
        if any(check is None for check in checks):
            return None
        tests.append(_all(checks))
        for attr, kind in (("LEMMA", "lemmas"), ("LOWER", "lowers")):
            values = _literals(attrs.get(attr))
            if values is not None and (best is None or _cost(vocab, values) < best[0]):
                best = (_cost(vocab, values), index, kind, frozenset(values))
    if best is None:
        return None
    _, anchor, kind, words = best
    return DepRule(rule_id, tuple(tests), tuple(parents), anchor, kind, words)


def _around(table: list[list[int]], rule: CompiledRule, positions: list[int]) -> set[tuple[int, int]]:
    """Matches of a bounded pattern through its anchor token at each position."""
    anchor = rule.steps[rule.anchor_index]
    before = rule.steps[: rule.anchor_index][::-1]
    after = rule.steps[rule.anchor_index + 1 :]
    matches = set()
    for position in set(positions):
        if not anchor.test(table[position]):
            continue
        starts = _spread(table, before, position, forward=False)
        if starts:
            ends = _spread(table, after, position + 1, forward=True)
            matches.update((s, e) for s in starts for e in ends)
    return matches


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
