"""One matching pass per statement for every codebook rule of the language.

Every rule of the language (context cues and all dimensions) is matched in
one pass through a :class:`~toolkit.nlp.components._rule_index.RuleIndex`, which
runs each rule only around the words that can start it, and the hits are
stored in ``doc._.matches`` as ``{rule_id: [(start, end), ...]}``. The context marker and the dimension
taggers read their own rules' hits from there.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from ...codebook import Codebook
from ._rule_index import RuleIndex
from ._codebook_state import CODEBOOK_DEFAULT, CodebookComponent


@Language.factory(
    "toolkit_matcher",
    assigns=["doc._.matches"],
    default_config={"codebook": CODEBOOK_DEFAULT},
    requires=["token.lemma", "token.dep", "token.morph"],
)
def make_matcher(nlp: Language, name: str, codebook: Codebook) -> "RuleMatcher":
    return RuleMatcher(nlp, name, codebook)


class RuleMatcher(CodebookComponent):
    """Finds every rule's matches in one pass: ``doc._.matches[rule_id] = [(start, end), ...]``."""

    def __init__(self, nlp: Language, name: str, codebook: Codebook):
        self.name = name
        self.book = codebook
        lang = codebook.language(nlp.lang)
        self.index = RuleIndex.build(nlp.vocab, [*lang.context.values(), *lang.rules.values()])

    def __call__(self, doc: Doc) -> Doc:
        matches: dict[str, list[tuple[int, int]]] = {}
        for rule_id, start, end in self.index(doc):
            matches.setdefault(rule_id, []).append((start, end))
        doc._.matches = matches
        return doc
