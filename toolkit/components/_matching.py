"""Compile codebook patterns into spaCy matchers, naming the file and line on error."""

from __future__ import annotations

from collections.abc import Iterable

from spacy.matcher import DependencyMatcher, Matcher
from spacy.vocab import Vocab

from ..errors import CodebookError, Errors


def build_matchers(vocab: Vocab, rules: Iterable) -> tuple[Matcher, DependencyMatcher]:
    """A token ``Matcher`` and a ``DependencyMatcher`` keyed by rule id, validated."""
    matcher = Matcher(vocab, validate=True)
    dep_matcher = DependencyMatcher(vocab, validate=True)
    for rule in rules:
        try:
            if getattr(rule, "dependency", False):
                dep_matcher.add(rule.id, [rule.pattern])
            else:
                matcher.add(rule.id, [rule.pattern])
        except (ValueError, KeyError, TypeError) as exc:
            problem = " ".join(str(exc).split())[:300]
            raise CodebookError(Errors.E024.format(where=rule.source, problem=problem)) from None
    return matcher, dep_matcher


def match_offsets(doc, matcher: Matcher, dep_matcher: DependencyMatcher) -> list[tuple[str, int, int]]:
    """``(rule_id, start, end)`` for every token and dependency match, in text order."""
    strings = doc.vocab.strings
    found = [(strings[key], start, end) for key, start, end in matcher(doc)] if len(matcher) else []
    if len(dep_matcher):
        for key, token_ids in dep_matcher(doc):
            found.append((strings[key], min(token_ids), max(token_ids) + 1))
    return sorted(found, key=lambda m: (m[1], m[2], m[0]))
