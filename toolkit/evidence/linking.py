"""Confront each corrective statement's claims with later evidence: links, verdicts, case metrics.

The rules that decide *contradicts* and *supports*, and the strength scale,
are data (``codebooks/links.yaml``). Linking runs case by case and never
compares statements across cases. Within a case, evidence claims are indexed
by proposition and time, so each claim only meets the later claims that a
rule can relate to it. "Later" means a strictly later timestamp; when the
input has no timestamps (any missing in a case), file order is used instead,
``order_basis`` says so and lags are left empty.

With a pair model (:mod:`toolkit.nlp.learned.pair_model`, given by the model
directory of the run), each claim of a corrective statement is also scored
against a bounded set of later statements (:mod:`.pairs`); a pair whose
probability of a relation reaches the model's threshold, and is the most
probable of the relations allowed for that pair (:func:`.pairs.decide`), is
linked when no rule links the same two statements by that relation, with
``rule`` = ``model:toolkit_pairs@<version>``, the evidence's sentence closest
to the claim as its span, and the probability as ``score``. The model never
lets the claimant's own party or camp *support* a claim (CODING.md 7: not
independent), nor evidence that negates the claim's proposition. A rule link keeps its rule and gets the model's probability of
its relation as ``score``; without a pair model (``--rules-only``) ``score``
is empty.
"""

from __future__ import annotations

import bisect
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from . import pairs
from .claims import same_party
from ..codebook import Codebook
from ..errors import CodebookError, Errors
from ..io.statements import TIME
from ..nlp.extensions import is_learned
from ..nlp.learned.pair_model import PairModel, load_pair_model

LINK_COLUMNS = [
    "case_id",
    "claim_id",
    "claim_statement_id",
    "evidence_statement_id",
    "relation",
    "rule",
    "claim_span",
    "claim_text",
    "evidence_claim_id",
    "evidence_span",
    "evidence_text",
    "lag_seconds",
    "strength",
    "score",
]
VERDICT_COLUMNS = [
    "verdict",
    "first_contradiction_statement_id",
    "first_contradiction_lag_seconds",
    "first_support_statement_id",
    "first_support_lag_seconds",
]
CASE_COLUMNS = [
    "case_id",
    "order_basis",
    "statements",
    "corrective_statements",
    "incident_statement_id",
    "incident_at",
    "first_corrective_statement_id",
    "first_corrective_at",
    "first_contradiction_statement_id",
    "first_contradiction_at",
    "lag_incident_to_corrective_seconds",
    "lag_corrective_to_contradiction_seconds",
    "deleted_statements",
    "claims",
    "contradicted",
    "supported",
    "disputed",
    "uncontested",
]


@dataclass(frozen=True)
class _LinkRule:
    """One row of ``links.yaml``: when a later claim contradicts or supports an earlier one."""

    id: str
    relation: str
    claim: tuple[str, ...]
    evidence: tuple[str, ...] | None
    claim_polarity: str = "any"
    evidence_polarity: str = "any"
    polarity: str | None = None
    speaker: str = "any"

    @classmethod
    def from_spec(cls, spec: dict[str, Any]) -> "_LinkRule":
        evidence = spec["evidence"]
        return cls(
            id=spec["id"],
            relation=spec["relation"],
            claim=tuple(spec["claim"]),
            evidence=None if evidence == "same" else tuple(evidence),
            claim_polarity=spec.get("claim_polarity", "any"),
            evidence_polarity=spec.get("evidence_polarity", "any"),
            polarity=spec.get("polarity"),
            speaker=spec.get("speaker", "any"),
        )

    def covers(self, key: str, patterns: tuple[str, ...]) -> bool:
        dimension = key.split(".", 1)[0]
        return any(p in ("*", key, f"{dimension}.*") for p in patterns)

    def evidence_keys(self, claim_key: str, all_keys: set[str]) -> list[str]:
        """Evidence propositions this rule can relate to a claim proposition."""
        if not self.covers(claim_key, self.claim):
            return []
        if self.evidence is None:
            return [claim_key]
        return [k for k in sorted(all_keys) if self.covers(k, self.evidence)]

    def fits(self, claim_polarity: str, evidence_polarity: str, same_speaker: bool) -> bool:
        if self.claim_polarity not in ("any", claim_polarity):
            return False
        if self.polarity == "same" and evidence_polarity != claim_polarity:
            return False
        if self.polarity == "opposite" and evidence_polarity == claim_polarity:
            return False
        if self.polarity is None and self.evidence_polarity not in ("any", evidence_polarity):
            return False
        return self.speaker == "any" or (self.speaker == "same") == same_speaker


def link_claims(
    statements: pd.DataFrame, claims: pd.DataFrame, book: Codebook, model: str | PairModel | None = None
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Links, claims with verdicts, and one row of timeline metrics per case.

    ``model``: the run's model directory (or a fitted :class:`PairModel`); its pair model, if it has one, links too,
    reading the statements' ``speaker``, ``language`` and ``text``.
    """
    pair = model if isinstance(model, PairModel) else load_pair_model(str(model)) if model else None
    if pair is not None and pair.features != pairs.features_of(book):
        raise CodebookError(Errors.E110.format(path=model if not isinstance(model, PairModel) else pair.rule))
    cases_of, claims_of, linkers = _linkers(statements, claims, book, pair)
    link_rows: list[dict[str, Any]] = []
    case_rows: list[dict[str, Any]] = []
    for linker in linkers:
        link_rows.extend(linker.links())
        case_rows.append(linker.metrics())
    links = pd.DataFrame(link_rows, columns=LINK_COLUMNS).astype({"lag_seconds": "Int64", "score": "float64"})
    verdicts = _verdicts(claims, link_rows, cases_of)
    cases = pd.DataFrame(case_rows, columns=CASE_COLUMNS)
    for verdict in ("contradicted", "supported", "disputed", "uncontested"):
        counts = Counter(c for c, v in zip(verdicts["case_id"].tolist(), verdicts["verdict"].tolist()) if v == verdict)
        cases[verdict] = [counts.get(c, 0) for c in cases["case_id"].tolist()]
    cases["claims"] = cases[["contradicted", "supported", "disputed", "uncontested"]].sum(axis=1)
    lags = ["lag_incident_to_corrective_seconds", "lag_corrective_to_contradiction_seconds"]
    cases = cases.astype({column: "Int64" for column in lags})
    return links, verdicts, cases


def pair_table(statements: pd.DataFrame, claims: pd.DataFrame, book: Codebook) -> pd.DataFrame:
    """Every candidate (claim of a corrective statement, later statement) pair with its features (training data of
    the pair model): ``case_id, claim_id, claim_statement_id, evidence_statement_id`` and one column per feature."""
    _, _, linkers = _linkers(statements, claims, book, None)
    frames = [linker.pair_frame() for linker in linkers]
    names = pairs.features_of(book)
    frames = [f for f in frames if len(f)]
    if not frames:
        return pd.DataFrame(columns=["case_id", "claim_id", "claim_statement_id", "evidence_statement_id", *names])
    return pd.concat(frames, ignore_index=True)


def _linkers(statements: pd.DataFrame, claims: pd.DataFrame, book: Codebook, pair: PairModel | None):
    """The statements and claims of each case, and one :class:`_CaseLinker` per case, in input order."""
    rules = [_LinkRule.from_spec(spec) for spec in book.links.get("rules", [])]
    strength = book.links.get("strength", {})
    stopwords = frozenset(book.links.get("party_stopwords", []))
    accused = frozenset(book.corrective_roles)
    camp = frozenset(book.links.get("own_camp_roles", []))
    n = len(statements)
    optional = {c: statements[c].tolist() if c in statements.columns else [""] * n for c in ("speaker", "language", "text")}
    cases_of: dict[str, list[_Statement]] = defaultdict(list)
    for position, (case_id, sid, time, role, corrective, deleted, speaker, language, text) in enumerate(
        zip(
            statements["case_id"].tolist(),
            statements["statement_id"].tolist(),
            statements[TIME],
            statements["speaker_role"].tolist(),
            statements["corrective"].tolist(),
            statements["deleted_at"].tolist(),
            optional["speaker"],
            optional["language"],
            optional["text"],
        )
    ):
        stamp = None if pd.isna(time) else time
        cases_of[case_id].append(
            _Statement(sid, stamp, position, role, int(corrective) == 1, deleted, str(speaker), str(language), str(text))
        )
    records = _records(
        claims.assign(_key=claims["dimension"] + "." + claims["proposition"], _learned=is_learned(claims["rule"]))
    )
    claims_of: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for claim in records:
        claims_of[claim["case_id"]].append(claim)
    linkers = [
        _CaseLinker(case_id, case, claims_of.get(case_id, []), rules, strength, stopwords, camp, accused, book, pair)
        for case_id, case in cases_of.items()
    ]
    return cases_of, claims_of, linkers


@dataclass(frozen=True)
class _Statement:
    """What linking needs of a statement."""

    id: str
    time: pd.Timestamp | None
    position: int
    role: str
    corrective: bool
    deleted_at: str
    speaker: str = ""
    language: str = ""
    text: str = ""


def _microseconds(time: pd.Timestamp) -> int:
    """Microseconds since 1970: years 1 to 9999 fit, unlike ``Timestamp.value`` (nanoseconds, 1677 to 2262)."""
    return int(time.as_unit("us").asm8.view("i8"))


class _CaseLinker:
    """Links within one case; statements are ordered by time, or by file order without times."""

    def __init__(
        self, case_id: str, statements: list[_Statement], claims: list[dict[str, Any]], rules, strength, stopwords, camp,
        accused: frozenset[str], book: Codebook, pair: PairModel | None = None,
    ):
        self.book = book
        self.pair = pair
        self.case_id = case_id
        self.accused = accused  # the codebook's corrective roles: whose non-corrective statement is the incident
        self.statements = {s.id: s for s in statements}
        self.timed = all(s.time is not None for s in statements)
        self.ordinal = {s.id: (_microseconds(s.time) if self.timed else s.position) for s in statements}
        self.claims = claims
        self.strength = strength
        self.stopwords = stopwords
        self.camp = camp
        self.index: dict[str, list[tuple[int, int, dict[str, Any]]]] = defaultdict(list)
        for n, claim in enumerate(claims):
            if claim["_learned"]:
                continue  # a learned tag's claim is the pair model's to link: it has no polarity of its own
            self.index[claim["_key"]].append((self.ordinal[claim["statement_id"]], n, claim))
        for entries in self.index.values():
            entries.sort(key=lambda e: (e[0], self.statements[e[2]["statement_id"]].position, e[1]))
        self.plan = {
            key: [(rule, ekey) for rule in rules for ekey in rule.evidence_keys(key, set(self.index))]
            for key in self.index
        }
        self._links: list[dict[str, Any]] | None = None

    def links(self) -> list[dict[str, Any]]:
        """The case's links, computed once."""
        if self._links is None:
            self._links = self._find_links()
        return self._links

    def _find_links(self) -> list[dict[str, Any]]:
        found = self._rule_links()
        if self.pair is not None:
            self._add_model_links(found)
        return sorted(
            found.values(),
            key=lambda r: (
                self.ordinal[r["evidence_statement_id"]],
                self.statements[r["evidence_statement_id"]].position,
                r["claim_id"],
                r["relation"],
            ),
        )

    def _rule_links(self) -> dict[tuple[str, str, str], dict[str, Any]]:
        found: dict[tuple[str, str, str], dict[str, Any]] = {}
        for claim in self.claims:
            if claim["_learned"] or not self.statements[claim["statement_id"]].corrective:
                continue
            when = self.ordinal[claim["statement_id"]]
            for rule, ekey in self.plan[claim["_key"]]:
                entries = self.index[ekey]
                start = bisect.bisect_right(entries, when, key=lambda e: e[0])
                for _, _, evidence in entries[start:]:
                    self._consider(found, rule, claim, evidence)
        return found

    def _pairs(self, found: dict[tuple[str, str, str], dict[str, Any]]):
        """Per claim of a corrective statement: the claim, its candidates (time-order indices), their closest
        sentences, whether each candidate speaks for the claimant, and their features."""
        ordered = sorted(self.statements.values(), key=lambda s: (self.ordinal[s.id], s.position))
        place = {s.id: i for i, s in enumerate(ordered)}
        sources = [c for c in self.claims if self.statements[c["statement_id"]].corrective]
        if not sources:
            return ordered, []
        texts = pairs.case_texts([s.text for s in ordered], [s.language for s in ordered], self.book)
        propositions: list[set[tuple[str, bool]]] = [set() for _ in ordered]
        for claim in self.claims:
            if not claim["_learned"]:
                propositions[place[claim["statement_id"]]].add((claim["_key"], claim["polarity"] == "negated"))
        view = pairs.EvidenceView(
            ordinal=np.asarray([self.ordinal[s.id] for s in ordered], dtype=np.int64),
            roles=[s.role for s in ordered],
            speakers=[s.speaker for s in ordered],
            corrective=np.asarray([s.corrective for s in ordered]),
            propositions=propositions,
        )
        ruled: dict[str, dict[int, set[str]]] = defaultdict(lambda: defaultdict(set))
        for claim_id, evidence_id, relation in found:
            ruled[claim_id][place[evidence_id]].add(relation)
        out = []
        for claim in sources:
            at = place[claim["statement_id"]]
            sentence = texts.sentence_at(at, int(claim["start_char"]))
            seen = pairs.ClaimView(at, sentence, claim["_key"], claim["polarity"] == "negated", bool(claim["_learned"]),
                                   claim["speaker"])
            chosen, closest = pairs.candidates(seen, texts, view, set(ruled[claim["claim_id"]]))
            same = np.asarray(
                [same_party(ordered[i].speaker, claim["speaker"], self.stopwords) or ordered[i].role in self.camp
                 for i in chosen], dtype=bool)
            x = pairs.pair_features(seen, chosen, closest, texts, view, ruled[claim["claim_id"]], self.book, same)
            out.append((claim, chosen, closest, same, x))
        self._texts = texts
        return ordered, out

    def pair_frame(self) -> pd.DataFrame:
        """The case's candidate pairs and their features (see :func:`pair_table`)."""
        ordered, scored = self._pairs(self._rule_links())
        rows = [
            (self.case_id, claim["claim_id"], claim["statement_id"], ordered[i].id, *row)
            for claim, chosen, _, _, x in scored
            for i, row in zip(chosen.tolist(), x.tolist())
        ]
        return pd.DataFrame(
            rows, columns=["case_id", "claim_id", "claim_statement_id", "evidence_statement_id", *pairs.features_of(self.book)]
        )

    def _add_model_links(self, found: dict[tuple[str, str, str], dict[str, Any]]) -> None:
        """Score the bounded candidate pairs; add a link where the model is confident and no rule links the two
        statements by that relation; give rule links the model's probability."""
        pair = self.pair
        ordered, scored = self._pairs(found)
        by_rule = {(r["claim_statement_id"], r["evidence_statement_id"], r["relation"]) for r in found.values()}
        probability: dict[tuple[str, str], np.ndarray] = {}
        best: dict[tuple[str, str, str], tuple[float, dict, int, int, bool]] = {}
        names = pairs.features_of(self.book)
        for claim, chosen, closest, same, x in scored:
            p = pair.probabilities(x)
            linked = pairs.decide(p, pair.threshold, pairs.allowed(x, names))
            for n, i in enumerate(chosen.tolist()):
                evidence = ordered[i].id
                probability[(claim["claim_id"], evidence)] = p[n]
                for r, relation in enumerate(pair.relations):
                    if not linked[n, r]:
                        continue
                    key = (claim["statement_id"], evidence, relation)
                    if key in by_rule:
                        continue
                    if key not in best or p[n, r] > best[key][0]:
                        best[key] = (float(p[n, r]), claim, i, int(closest[n]), bool(same[n]))
        for link in found.values():
            p = probability.get((link["claim_id"], link["evidence_statement_id"]))
            link["score"] = None if p is None else round(float(p[pair.relations.index(link["relation"])]), 4)
        for (_, evidence, relation), (p, claim, i, sentence, same) in best.items():
            start, end = self._texts.spans[sentence]
            found[(claim["claim_id"], evidence, relation)] = self._link(
                claim, evidence, relation, pair.rule, "", (start, end), ordered[i].text[start:end], same, round(p, 4)
            )

    def _consider(self, found, rule: _LinkRule, claim, evidence) -> None:
        role = self.statements[evidence["statement_id"]].role
        same = same_party(evidence["speaker"], claim["speaker"], self.stopwords)
        if evidence["source"] == "reported" and same:
            return  # quoting the claimant is an echo, not evidence
        # the claimant's own camp (another voice of the accused party) speaks as the claimant
        same = same or (evidence["source"] == "own" and role in self.camp)
        if not rule.fits(claim["polarity"], evidence["polarity"], same):
            return
        key = (claim["claim_id"], evidence["statement_id"], rule.relation)
        if key in found:
            return
        found[key] = self._link(
            claim, evidence["statement_id"], rule.relation, rule.id, evidence["claim_id"],
            (evidence["start_char"], evidence["end_char"]), evidence["text"], same, None,
        )

    def _link(self, claim, evidence_id: str, relation: str, rule: str, evidence_claim_id: str, span: tuple[int, int],
              text: str, same: bool, score: float | None) -> dict[str, Any]:
        """One row of ``links.csv``, found by a ``links.yaml`` rule or by the pair model (``rule``)."""
        role = self.statements[evidence_id].role
        return {
            "case_id": claim["case_id"],
            "claim_id": claim["claim_id"],
            "claim_statement_id": claim["statement_id"],
            "evidence_statement_id": evidence_id,
            "relation": relation,
            "rule": rule,
            "claim_span": f"{claim['start_char']}:{claim['end_char']}",
            "claim_text": claim["text"],
            "evidence_claim_id": evidence_claim_id,
            "evidence_span": f"{span[0]}:{span[1]}",
            "evidence_text": text,
            "lag_seconds": self._lag(claim["statement_id"], evidence_id),
            "strength": self.strength.get("claimant") if same else self.strength.get("roles", {}).get(role, role),
            "score": score,
        }

    def _lag(self, earlier: str, later: str) -> int | None:
        if not self.timed:
            return None
        return (self.ordinal[later] - self.ordinal[earlier]) // 1_000_000

    def metrics(self) -> dict[str, Any]:
        ordered = sorted(self.statements.values(), key=lambda s: (self.ordinal[s.id], s.position))
        incident = next((s for s in ordered if not s.corrective and s.role in self.accused), None)
        first = next((s for s in ordered if s.corrective), None)
        contradiction = None
        if first is not None:
            contradicting = {r["evidence_statement_id"] for r in self.links() if r["relation"] == "contradicts"}
            contradiction = next(
                (s for s in ordered if s.id in contradicting and self.ordinal[s.id] > self.ordinal[first.id]), None
            )
        return {
            "case_id": self.case_id,
            "order_basis": "timestamp" if self.timed else "file_order",
            "statements": len(ordered),
            "corrective_statements": sum(s.corrective for s in ordered),
            "incident_statement_id": incident.id if incident else "",
            "incident_at": self._at(incident),
            "first_corrective_statement_id": first.id if first else "",
            "first_corrective_at": self._at(first),
            "first_contradiction_statement_id": contradiction.id if contradiction else "",
            "first_contradiction_at": self._at(contradiction),
            "lag_incident_to_corrective_seconds": self._lag(incident.id, first.id) if incident and first else None,
            "lag_corrective_to_contradiction_seconds": (
                self._lag(first.id, contradiction.id) if first and contradiction else None
            ),
            "deleted_statements": ";".join(f"{s.id}@{s.deleted_at}" for s in ordered if s.deleted_at.strip()),
        }

    def _at(self, statement: _Statement | None) -> str:
        return "" if statement is None or not self.timed else statement.time.isoformat()


def _records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """Rows as dicts, built from whole columns (pandas' per-cell iteration of Arrow strings is slow)."""
    columns = list(frame.columns)
    return [dict(zip(columns, row)) for row in zip(*(frame[c].tolist() for c in columns))]


def verdict_of(contradicted: bool, supported: bool) -> str:
    """A claim's verdict from whether some later statement contradicts it and whether one supports it."""
    if contradicted and supported:
        return "disputed"
    return "contradicted" if contradicted else "supported" if supported else "uncontested"


def _verdicts(claims: pd.DataFrame, links: list[dict[str, Any]], cases: dict[str, list[_Statement]]) -> pd.DataFrame:
    """contradicted / supported / disputed / uncontested for claims of corrective statements ('' otherwise).

    ``links`` come in evidence order within each case, so the first link of a claim is the earliest.
    """
    corrective = {(case_id, s.id) for case_id, statements in cases.items() for s in statements if s.corrective}
    first: dict[tuple[str, str, str], dict[str, Any]] = {}
    for link in links:
        first.setdefault((link["case_id"], link["claim_id"], link["relation"]), link)
    columns: dict[str, list[Any]] = defaultdict(list)
    for case_id, claim_id, statement_id in zip(claims["case_id"].tolist(), claims["claim_id"].tolist(), claims["statement_id"].tolist()):
        against = first.get((case_id, claim_id, "contradicts"))
        backing = first.get((case_id, claim_id, "supports"))
        corrected = (case_id, statement_id) in corrective
        columns["verdict"].append(verdict_of(against is not None, backing is not None) if corrected else "")
        for link, name in ((against, "contradiction"), (backing, "support")):
            columns[f"first_{name}_statement_id"].append(link["evidence_statement_id"] if link else "")
            columns[f"first_{name}_lag_seconds"].append(link["lag_seconds"] if link else None)
    out = claims.copy()
    for column in VERDICT_COLUMNS:
        out[column] = columns[column]
    return out.astype({"first_contradiction_lag_seconds": "Int64", "first_support_lag_seconds": "Int64"})
