"""The anchored rule index finds exactly what a plain spaCy Matcher finds, on real and synthetic text."""

from __future__ import annotations

import sys

import pandas as pd
import pytest
from spacy.matcher import DependencyMatcher, Matcher

from tests.conftest import CORPORA, ROOT
from toolkit.codebook import load_codebook
from toolkit.nlp.components._rule_index import RuleIndex

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



# Every attribute and operator the index compiles into token tests, each anchored on a word of the text below.
ATTRIBUTE_PATTERNS = {
    "pos": [{"LOWER": "hackers"}, {"POS": "AUX", "OP": "?"}, {"POS": "VERB"}],
    "tag_in": [{"TAG": {"IN": ["DT", "PRP$"]}}, {"LOWER": "account"}],
    "dep": [{"DEP": "nsubjpass"}, {"LEMMA": "be"}, {"LEMMA": "hack"}],
    "norm_text": [{"TEXT": "The"}, {"NORM": "presidency"}],
    "orth": [{"ORTH": "Twitter"}, {"LOWER": "has"}],
    "morph": [{"MORPH": {"IS_SUPERSET": ["Tense=Past", "VerbForm=Part"]}}, {"LOWER": "by"}],
    "sent_start": [{"LOWER": "investigations", "IS_SENT_START": True}, {"LEMMA": "be"}],
    "not_sent_start": [{"IS_SENT_START": False}, {"LOWER": "twitter"}],
    "flags": [{"LIKE_NUM": True}, {"IS_PUNCT": False, "IS_STOP": False, "OP": "{1,2}"}, {"LOWER": "later"}],
    "lemma_regex": [{"LEMMA": {"REGEX": "^investig"}}, {"LOWER": "are"}],
    "pos_regex": [{"LOWER": "under"}, {"POS": {"REGEX": "^N"}}],
    "not_in": [{"LOWER": {"NOT_IN": ["no", "not"]}}, {"LOWER": "hackers"}],
    "wildcard": [{"LOWER": "informed"}, {}, {"OP": "{0,4}"}, {"IS_PUNCT": True}],
    "exact_count": [{"LOWER": "has"}, {"IS_ALPHA": True, "OP": "{2}"}],
    "unanchored": [{"POS": "PROPN"}, {"POS": "AUX"}],
}
ATTRIBUTE_TEXT = (
    "The presidency's account was hacked by ill-intentioned individuals. Twitter has been informed. "
    "Investigations are under way. 2 days later, no hackers were found! Our account is safe, said the hackers."
)


def test_every_compiled_attribute_test_agrees_with_the_plain_matcher(nlp):
    from toolkit.codebook import Rule

    pipeline = nlp("en")
    rules = [Rule(name, "test", name, pattern, False, "test") for name, pattern in ATTRIBUTE_PATTERNS.items()]
    index = RuleIndex.build(pipeline.vocab, rules)
    with pipeline.select_pipes(enable=[n for n in pipeline.pipe_names if not n.startswith("toolkit")]):
        doc = pipeline(ATTRIBUTE_TEXT)
    expected = plain_matches(pipeline, rules, doc)
    assert set(index(doc)) == expected
    assert {rule_id for rule_id, _, _ in expected} == set(ATTRIBUTE_PATTERNS)  # every rule fires somewhere
