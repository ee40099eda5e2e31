"""Statement-level coding: corrective (CODEBOOK §1) and the labels each column gets.

A statement is corrective when its speaker is the accused party (a role in
``corrective_roles``, ``official`` by default) and it carries at least one
tag in its own voice — not negated, not reported from someone else — in a
dimension that ``signals_corrective`` (blame shift, remediation, strategy).
Labels of §2–§5 are coded on corrective statements only: on other statements
they are evidence and become claims (``corpora/CODING.md``). Statements by the
accused party that quote someone (press releases quote their executives) keep
the quote as their own voice; the attribution stays on the tag.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from ...codebook import Codebook
from ..extensions import evidence_key, own_voice
from ._codebook_state import CODEBOOK_DEFAULT, CodebookComponent


@Language.factory(
    "toolkit_coder",
    assigns=["doc._.corrective", "doc._.codes", "doc._.evidence"],
    default_config={"codebook": CODEBOOK_DEFAULT},
    requires=["doc.spans", "doc._.evidence"],
)
def make_coder(nlp: Language, name: str, codebook: Codebook) -> "StatementCoder":
    return StatementCoder(name, codebook)


class StatementCoder(CodebookComponent):
    """Sets ``doc._.corrective`` (0/1), ``doc._.codes`` (column -> sorted labels) and each tag's ``counted``.

    A tag is counted when it set its statement's label: the decision is made
    here, once, and every later layer reads ``span._.counted``.
    """

    def __init__(self, name: str, codebook: Codebook):
        self.name = name
        self.book = book = codebook
        self.dimensions = book.dimensions
        self.corrective_roles = set(book.corrective_roles)

    def __call__(self, doc: Doc) -> Doc:
        accused = doc._.speaker_role in self.corrective_roles
        evidence = doc._.evidence or {}
        own = {name: [s for s in doc.spans.get(name, []) if own_voice(evidence[evidence_key(s)], accused)] for name in self.dimensions}
        signals = any(own[name] for name, dim in self.dimensions.items() if dim.signals_corrective)
        doc._.corrective = int(accused and signals)
        codes: dict[str, list[str]] = {}
        for name, dim in self.dimensions.items():
            if not dim.column:
                continue
            spans = own[name] if doc._.corrective else []
            if dim.cardinality == "single":
                spans = sorted(spans, key=lambda s: (s.start_char, s.end_char))[:1]
            codes[dim.column] = sorted({s.label_ for s in spans})
        doc._.codes = codes
        for name, dim in self.dimensions.items():
            coded = set(codes.get(dim.column, ())) if dim.column else set()
            for span in doc.spans.get(name, []):
                evidence[evidence_key(span)]["counted"] = span.label_ in coded and own_voice(evidence[evidence_key(span)], accused)
        return doc

