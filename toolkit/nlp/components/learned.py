"""``toolkit_learned``: the component that lets the learned coder decide a statement's labels.

It runs after ``toolkit_coder`` and replaces the rule coder's decision
(``doc._.corrective``, ``doc._.codes``, each rule tag's ``counted``) by the
learned one (:func:`toolkit.nlp.learned.decide.decide`), keeping the rule
spans in ``doc.spans`` and putting the learned tags and gate probabilities in
``doc._.learned``. Sentences are encoded in batches (``pipe``), and only for
speakers who can be the accused party: no other statement can be corrective
(CODEBOOK §1), so their vectors would change nothing.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import islice

from spacy.language import Language
from spacy.tokens import Doc

from ...codebook import Codebook
from ...errors import CodebookError, Errors
from ..extensions import evidence_key, own_voice
from ..learned import encoder
from ..learned.decide import Decision, decide, targets_of
from ..learned.features import FeatureSpace, sentences
from ..learned.model import load_model
from ._codebook_state import CODEBOOK_DEFAULT, CodebookComponent


@Language.factory(
    "toolkit_learned",
    assigns=["doc._.corrective", "doc._.codes", "doc._.evidence", "doc._.learned"],
    default_config={"codebook": CODEBOOK_DEFAULT, "model": ""},
    requires=["doc.spans", "doc._.evidence", "doc._.context", "doc._.codes"],
)
def make_learned(nlp: Language, name: str, codebook: Codebook, model: str) -> "LearnedCoder":
    return LearnedCoder(name, codebook, model)


def check_model(directory: str, book: Codebook) -> None:
    """Refuse a model fitted for another codebook (other labels or rule signals).

    Raises:
        CodebookError: naming the model directory.
    """
    model = load_model(directory)
    if model.features != list(FeatureSpace.of(book).names) or model.targets != targets_of(book):
        raise CodebookError(Errors.E101.format(path=directory))


class LearnedCoder(CodebookComponent):
    """Decides ``corrective`` and the labels from the rule signals and the sentence vectors."""

    def __init__(self, name: str, codebook: Codebook, model: str):
        self.name = name
        self.book = codebook
        check_model(model, codebook)
        self.model = load_model(model)
        self.space = FeatureSpace.of(codebook)
        self.roles = set(codebook.corrective_roles)

    def __call__(self, doc: Doc) -> Doc:
        return next(self.pipe([doc]))

    def pipe(self, docs: Iterable[Doc], batch_size: int = 256) -> Iterator[Doc]:
        docs = iter(docs)
        while batch := list(islice(docs, batch_size)):
            texts = [[s.text for s in sentences(doc)] if doc._.speaker_role in self.roles else [] for doc in batch]
            flat = encoder.encode([t for group in texts for t in group])
            start = 0
            for doc, group in zip(batch, texts):
                vectors = flat[start : start + len(group)]
                start += len(group)
                decision = decide(doc, self.model, self.book, self.space, vectors) if group else Decision(0, {})
                self._apply(doc, decision)
                yield doc

    def _apply(self, doc: Doc, decision: Decision) -> None:
        """The learned decision becomes the statement's coding; a rule tag is counted when its label was set."""
        doc._.corrective = decision.corrective
        doc._.codes = {column: decision.codes.get(column, []) for column in doc._.codes}
        doc._.learned = decision
        evidence = doc._.evidence
        accused = doc._.speaker_role in self.roles
        for name, dim in self.book.dimensions.items():
            coded = set(doc._.codes.get(dim.column, ())) if dim.column else set()
            for span in doc.spans.get(name, []):
                found = evidence[evidence_key(span)]
                found["counted"] = span.label_ in coded and own_voice(found, accused)
