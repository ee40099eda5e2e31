"""The anchored rule index finds exactly what a plain spaCy Matcher finds, on real and synthetic text."""

from __future__ import annotations

import sys

import pandas as pd
import pytest
from spacy.matcher import DependencyMatcher, Matcher

from tests.conftest import CORPORA, ROOT
from toolkit.codebook import load_codebook
from toolkit.components._matching import RuleIndex

sys.path.insert(0, str(ROOT / "benchmarks"))
from synthetic import corpus  # noqa: E402


def plain_matches(nlp, rules, doc):
    matcher, dep = Matcher(nlp.vocab), DependencyMatcher(nlp.vocab)
    for rule in rules:
        (dep if rule.dependency else matcher).add(rule.id, [rule.pattern])
    strings = nlp.vocab.strings
    found = {(strings[k], s, e) for k, s, e in matcher(doc)}
    if len(dep):
        found |= {(strings[k], min(ids), max(ids) + 1) for k, ids in dep(doc)}
    return found


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_matching_index_equals_plain_matcher(nlp, lang):
    pipeline = nlp(lang)
    book = load_codebook().language(lang)
    rules = [*book.context.values(), *book.rules.values()]
    index = RuleIndex.build(pipeline.vocab, rules)
    texts = list(corpus(300, seed=7).query("language == @lang").text)
    texts += list(pd.read_csv(CORPORA / "mali-2020" / "statements.csv").query("language == @lang").text)
    with pipeline.select_pipes(enable=[n for n in pipeline.pipe_names if not n.startswith("toolkit")]):
        docs = list(pipeline.pipe(texts))
    total = 0
    for doc in docs:
        expected = plain_matches(pipeline, rules, doc)
        assert set(index(doc)) == expected, doc.text
        total += len(expected)
    assert total > len(docs)  # the comparison is not vacuous

