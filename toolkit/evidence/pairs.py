"""Candidates and features of the learned pair model: (claim, later statement) pairs of one case.

A claim meets a **bounded** set of later statements (same "later" as rule
linking: strictly later timestamps, else file order): the :data:`TOP_K`
most similar among the next :data:`HORIZON` statements, by the cosine of
the claim's sentence and each statement's best sentence under the learned
coder's sentence encoder, plus every statement among them that a
``links.yaml`` rule already links it to. So the work per claim stays flat as
a case grows (a rule link beyond the horizon keeps its rule and an empty
``score``).

Each pair is described by :data:`FEATURES`, computed with numpy over a
claim's candidates at once: what the rule layer says (a rule relates them;
the evidence asserts or negates the same proposition), who speaks (the
evidence speaker's role, the claimant's own party or camp), how close the
texts are (encoder cosine, shared content words), the codebook's refutation,
confirmation and negation cues of the evidence's language
(``<lang>/link_cues.yaml``), and how soon the evidence came.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from ..codebook import Codebook
from ..nlp.learned import encoder
from ..nlp.learned.pair_model import RELATIONS

HORIZON = 1000
"""Later statements compared with a claim (in time order): bounds the work per claim."""
TOP_K = 24
"""Most similar later statements kept per claim, besides those a rule links."""
MAX_SENTENCES = 16
"""Sentences of a statement encoded (the first ones): bounds the work per statement."""
CUE_KINDS = ("refutation", "confirmation", "negation")


def features_of(book: Codebook) -> list[str]:
    """Feature names, in column order (the evidence speaker's roles come from the codebook)."""
    return [
        "rule_contradicts", "rule_supports", "same_proposition", "opposite_proposition", "evidence_claims",
        "evidence_negated_claim", "claim_negated", "claim_learned",
        *(f"claim:{name}" for name in claim_dimensions(book)),
        *(f"role:{role}" for role in book.roles),
        "same_party", "own_camp", "evidence_corrective", "similarity_best", "similarity_statement",
        "refutation_cues", "confirmation_cues", "refutation_best", "confirmation_best", "negation_best", "overlap",
        "lag_rank", "first_later",
    ]


def claim_dimensions(book: Codebook) -> list[str]:
    """Dimensions whose tags can be claims (a claim kind, or coded: learned tags), in codebook order."""
    return [name for name, dim in book.dimensions.items() if dim.claim_kind or dim.column]


def fold(text: str) -> str:
    """Lower-case, accents removed, typographic apostrophes straightened: how cues and words are compared."""
    text = unicodedata.normalize("NFKD", text.replace("\u2019", "'")).encode("ascii", "ignore").decode()
    return text.lower()


@lru_cache(maxsize=64)
def _cue_pattern(cues: tuple[str, ...]) -> re.Pattern | None:
    words = sorted({fold(c) for c in cues if c.strip()}, key=len, reverse=True)
    if not words:
        return None
    return re.compile(r"(?<![\w'])(?:" + "|".join(re.escape(w) for w in words) + r")(?![\w])")


@lru_cache(maxsize=16)
def _sentencizer(lang: str):
    import spacy

    try:
        nlp = spacy.blank(lang)
    except Exception:  # a language spaCy has no tokenizer for: the multi-language one
        nlp = spacy.blank("xx")
    nlp.add_pipe("sentencizer")
    return nlp


def sentence_spans(text: str, lang: str) -> list[tuple[int, int]]:
    """Character spans of a text's sentences (spaCy's rule-based sentencizer), at least one."""
    doc = _sentencizer(lang)(text)
    spans = [(s.start_char, s.end_char) for s in doc.sents if s.text.strip()]
    return spans[:MAX_SENTENCES] or [(0, len(text))]


@dataclass
class CaseTexts:
    """A case's statements as the pair model reads them, in time order, sentences flattened.

    Attributes:
        starts: ``(n + 1,)`` offsets of each statement's sentences in the flat arrays.
        spans: each sentence's ``(start_char, end_char)``; vectors: ``(S, 512)`` unit sentence vectors.
        statement: ``(n, 512)`` unit mean vector per statement.
        cues: ``(S, 3)`` refutation, confirmation and negation cue counts per sentence; statement_cues: per statement.
        words: content words of each sentence.
    """

    starts: np.ndarray
    spans: list[tuple[int, int]]
    vectors: np.ndarray
    statement: np.ndarray
    cues: np.ndarray
    statement_cues: np.ndarray
    words: list[frozenset[str]]

    def sentence_at(self, statement: int, char: int) -> int:
        """The flat index of the statement's sentence holding character ``char`` (its last one if none does)."""
        for k in range(self.starts[statement], self.starts[statement + 1]):
            if self.spans[k][0] <= char < self.spans[k][1]:
                return k
        return int(self.starts[statement + 1] - 1)


def case_texts(texts: list[str], languages: list[str], book: Codebook) -> CaseTexts:
    """Sentences, vectors, cues and words of a case's statements (``texts`` in time order), encoded in one batch."""
    spans, owners = [], []
    for i, (text, lang) in enumerate(zip(texts, languages)):
        for span in sentence_spans(text, lang):
            spans.append(span)
            owners.append(i)
    sentences = [texts[i][a:b] for i, (a, b) in zip(owners, spans)]
    vectors = encoder.encode(sentences)
    counts = np.bincount(np.asarray(owners, dtype=np.int64), minlength=len(texts))
    starts = np.concatenate([[0], np.cumsum(counts)]).astype(np.int64)
    statement = np.add.reduceat(vectors, starts[:-1], axis=0) if len(vectors) else np.zeros((0, encoder.DIMENSIONS))
    statement = statement / np.maximum(np.linalg.norm(statement, axis=1, keepdims=True), 1e-12)
    cues = np.zeros((len(sentences), len(CUE_KINDS)), dtype=np.float32)
    words = []
    for k, (sentence, owner) in enumerate(zip(sentences, owners)):
        folded = fold(sentence)
        lang = languages[owner]
        listed = book.language(lang).link_cues if lang in book.languages else {}
        for j, kind in enumerate(CUE_KINDS):
            pattern = _cue_pattern(tuple(listed.get(kind, ())))
            cues[k, j] = len(pattern.findall(folded)) if pattern is not None else 0
        words.append(frozenset(w for w in re.findall(r"\w+", folded) if len(w) >= 4))
    statement_cues = np.add.reduceat(cues, starts[:-1], axis=0) if len(cues) else np.zeros((0, len(CUE_KINDS)))
    return CaseTexts(starts, spans, vectors.astype(np.float32), statement.astype(np.float32), cues, statement_cues, words)


@dataclass
class ClaimView:
    """What the pair model reads of one claim: its statement (time-order index), sentence, key, polarity."""

    statement: int
    sentence: int
    key: str
    negated: bool
    learned: bool
    speaker: str


@dataclass
class EvidenceView:
    """What the pair model reads of every statement of the case, in time order."""

    ordinal: np.ndarray
    roles: list[str]
    speakers: list[str]
    corrective: np.ndarray
    propositions: list[set[tuple[str, bool]]]


def candidates(claim: ClaimView, texts: CaseTexts, view: EvidenceView, ruled: set[int]) -> tuple[np.ndarray, np.ndarray]:
    """Time-order indices of a claim's candidate statements, and of each one's sentence closest to the claim's."""
    first = int(np.searchsorted(view.ordinal, view.ordinal[claim.statement], side="right"))
    last = min(first + HORIZON, len(view.ordinal))
    if first >= len(view.ordinal):
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    lo, hi = int(texts.starts[first]), int(texts.starts[last])
    similarity = texts.vectors[lo:hi] @ texts.vectors[claim.sentence]
    local = texts.starts[first:last] - lo
    best = np.maximum.reduceat(similarity, local)
    order = np.argsort(-best, kind="stable")[:TOP_K] + first
    chosen = np.unique(np.concatenate([order, np.asarray(sorted(i for i in ruled if first <= i < last), dtype=np.int64)]))
    sentence = np.empty(len(chosen), dtype=np.int64)
    for n, i in enumerate(chosen):
        a, b = int(texts.starts[i]), int(texts.starts[i + 1])
        sentence[n] = a + int(np.argmax(texts.vectors[a:b] @ texts.vectors[claim.sentence]))
    return chosen, sentence


def pair_features(
    claim: ClaimView, chosen: np.ndarray, sentence: np.ndarray, texts: CaseTexts, view: EvidenceView,
    rules: dict[int, set[str]], book: Codebook, same: np.ndarray,
) -> np.ndarray:
    """``(len(chosen), F)`` features of a claim against its candidates (``same``: same party or own camp, per candidate)."""
    n = len(chosen)
    roles = list(book.roles)
    camp = set(book.links.get("own_camp_roles", []))
    role_index = np.asarray([roles.index(view.roles[i]) if view.roles[i] in roles else -1 for i in chosen], dtype=np.int64)
    role_hot = np.zeros((n, len(roles)), dtype=np.float64)
    role_hot[np.flatnonzero(role_index >= 0), role_index[role_index >= 0]] = 1.0
    props = [view.propositions[i] for i in chosen]
    own = texts.words[claim.sentence]
    overlap = np.asarray(
        [len(own & texts.words[k]) / max(1, min(len(own), len(texts.words[k]))) for k in sentence], dtype=np.float64
    )
    first = int(np.searchsorted(view.ordinal, view.ordinal[claim.statement], side="right"))
    columns = [
        [float("contradicts" in rules.get(int(i), ())) for i in chosen],
        [float("supports" in rules.get(int(i), ())) for i in chosen],
        [float((claim.key, claim.negated) in p) for p in props],
        [float((claim.key, not claim.negated) in p) for p in props],
        [np.log1p(len(p)) for p in props],
        [float(any(neg for _, neg in p)) for p in props],
        np.full(n, float(claim.negated)),
        np.full(n, float(claim.learned)),
        *(np.full(n, float(claim.key.split(".", 1)[0] == name)) for name in claim_dimensions(book)),
        *role_hot.T,
        same.astype(np.float64),
        [float(view.roles[i] in camp) for i in chosen],
        view.corrective[chosen].astype(np.float64),
        texts.vectors[sentence] @ texts.vectors[claim.sentence],
        texts.statement[chosen] @ texts.statement[claim.statement],
        np.log1p(texts.statement_cues[chosen, 0]),
        np.log1p(texts.statement_cues[chosen, 1]),
        np.log1p(texts.cues[sentence, 0]),
        np.log1p(texts.cues[sentence, 1]),
        np.log1p(texts.cues[sentence, 2]),
        overlap,
        np.log1p(chosen - first),
        (chosen == first).astype(np.float64),
    ]
    return np.column_stack([np.asarray(c, dtype=np.float64) for c in columns]) if n else np.zeros((0, len(columns)))


def allowed(x: np.ndarray, names: list[str]) -> np.ndarray:
    """``(n, R)``: which relations the model may link for each pair.

    Only evidence that says something the toolkit reads about the incident — a claim, or a refutation or
    confirmation cue — is linked at all: within a hand-collected case nearly every statement concerns the
    incident, so the fitted weights cannot tell an unrelated statement ("shares closed flat") from a report.
    (Measured on the train cases, leave-one-case-out: link F1 0.41 without this gate, 0.38 with it; the
    corpus has almost no unrelated statements to gain precision on.) Never ``supports`` from the claimant's
    own party or camp (not independent: CODING.md 7), nor from evidence that negates the claim's proposition.
    """
    column = {name: x[:, names.index(name)] for name in ("evidence_claims", "refutation_cues", "confirmation_cues")}
    about = (column["evidence_claims"] > 0) | (column["refutation_cues"] > 0) | (column["confirmation_cues"] > 0)
    mask = np.repeat(about[:, None], len(RELATIONS), axis=1)
    mask[:, RELATIONS.index("supports")] &= ~((x[:, names.index("same_party")] > 0) | (x[:, names.index("opposite_proposition")] > 0))
    return mask


def decide(probability: np.ndarray, threshold: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """``(n, R)``: the relation the model links for each pair: the most probable allowed one, if it reaches its
    threshold."""
    masked = np.where(mask, probability, -1.0)
    return (masked >= threshold) & (masked >= masked.max(axis=1, keepdims=True))
