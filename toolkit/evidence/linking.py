"""Confront each corrective statement's claims with later evidence: links, verdicts, case metrics.

The rules that decide *contradicts* and *supports*, and the strength scale,
are data (``codebooks/links.yaml``). Linking runs case by case and never
compares statements across cases. Within a case, evidence claims are indexed
by proposition and time, so each claim only meets the later claims that a
rule can relate to it. "Later" means a strictly later timestamp; when the
input has no timestamps (any missing in a case), file order is used instead,
``order_basis`` says so and lags are left empty.
"""

from __future__ import annotations

import bisect
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Any

import pandas as pd

from .claims import same_party
from ..codebook import Codebook
from ..io.statements import TIME

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
    statements: pd.DataFrame, claims: pd.DataFrame, book: Codebook
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Links, claims with verdicts, and one row of timeline metrics per case."""
    rules = [_LinkRule.from_spec(spec) for spec in book.links.get("rules", [])]
    strength = book.links.get("strength", {})
    stopwords = frozenset(book.links.get("party_stopwords", []))
    accused = frozenset(book.corrective_roles)
    camp = frozenset(book.links.get("own_camp_roles", []))
    cases_of: dict[str, list[_Statement]] = defaultdict(list)
    for position, (case_id, sid, time, role, corrective, deleted) in enumerate(
        zip(
            statements["case_id"].tolist(),
            statements["statement_id"].tolist(),
            statements[TIME],
            statements["speaker_role"].tolist(),
            statements["corrective"].tolist(),
            statements["deleted_at"].tolist(),
        )
    ):
        stamp = None if pd.isna(time) else time
        cases_of[case_id].append(_Statement(sid, stamp, position, role, int(corrective) == 1, deleted))
    records = _records(claims.assign(_key=claims["dimension"] + "." + claims["proposition"]))
    claims_of: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for claim in records:
        claims_of[claim["case_id"]].append(claim)
    link_rows: list[dict[str, Any]] = []
    case_rows: list[dict[str, Any]] = []
    for case_id, case in cases_of.items():
        linker = _CaseLinker(case_id, case, claims_of.get(case_id, []), rules, strength, stopwords, camp, accused)
        link_rows.extend(linker.links())
        case_rows.append(linker.metrics())
    links = pd.DataFrame(link_rows, columns=LINK_COLUMNS).astype({"lag_seconds": "Int64"})
    verdicts = _verdicts(claims, link_rows, cases_of)
    cases = pd.DataFrame(case_rows, columns=CASE_COLUMNS)
    for verdict in ("contradicted", "supported", "disputed", "uncontested"):
        counts = Counter(c for c, v in zip(verdicts["case_id"].tolist(), verdicts["verdict"].tolist()) if v == verdict)
        cases[verdict] = [counts.get(c, 0) for c in cases["case_id"].tolist()]
    cases["claims"] = cases[["contradicted", "supported", "disputed", "uncontested"]].sum(axis=1)
    lags = ["lag_incident_to_corrective_seconds", "lag_corrective_to_contradiction_seconds"]
    cases = cases.astype({column: "Int64" for column in lags})
    return links, verdicts, cases


@dataclass(frozen=True)
class _Statement:
    """What linking needs of a statement."""

    id: str
    time: pd.Timestamp | None
    position: int
    role: str
    corrective: bool
    deleted_at: str


def _microseconds(time: pd.Timestamp) -> int:
    """Microseconds since 1970: years 1 to 9999 fit, unlike ``Timestamp.value`` (nanoseconds, 1677 to 2262)."""
    return int(time.as_unit("us").asm8.view("i8"))


class _CaseLinker:
    """Links within one case; statements are ordered by time, or by file order without times."""

    def __init__(
        self, case_id: str, statements: list[_Statement], claims: list[dict[str, Any]], rules, strength, stopwords, camp,
        accused: frozenset[str],
    ):
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
        found: dict[tuple[str, str, str], dict[str, Any]] = {}
        for claim in self.claims:
            if not self.statements[claim["statement_id"]].corrective:
                continue
            when = self.ordinal[claim["statement_id"]]
            for rule, ekey in self.plan[claim["_key"]]:
                entries = self.index[ekey]
                start = bisect.bisect_right(entries, when, key=lambda e: e[0])
                for _, _, evidence in entries[start:]:
                    self._consider(found, rule, claim, evidence)
        return sorted(
            found.values(),
            key=lambda r: (
                self.ordinal[r["evidence_statement_id"]],
                self.statements[r["evidence_statement_id"]].position,
                r["claim_id"],
            ),
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
        found[key] = {
            "case_id": claim["case_id"],
            "claim_id": claim["claim_id"],
            "claim_statement_id": claim["statement_id"],
            "evidence_statement_id": evidence["statement_id"],
            "relation": rule.relation,
            "rule": rule.id,
            "claim_span": f"{claim['start_char']}:{claim['end_char']}",
            "claim_text": claim["text"],
            "evidence_claim_id": evidence["claim_id"],
            "evidence_span": f"{evidence['start_char']}:{evidence['end_char']}",
            "evidence_text": evidence["text"],
            "lag_seconds": self._lag(claim["statement_id"], evidence["statement_id"]),
            "strength": self.strength.get("claimant") if same else self.strength.get("roles", {}).get(role, role),
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
        if (case_id, statement_id) not in corrective:
            verdict = ""
        elif against and backing:
            verdict = "disputed"
        elif against:
            verdict = "contradicted"
        elif backing:
            verdict = "supported"
        else:
            verdict = "uncontested"
        columns["verdict"].append(verdict)
        for link, name in ((against, "contradiction"), (backing, "support")):
            columns[f"first_{name}_statement_id"].append(link["evidence_statement_id"] if link else "")
            columns[f"first_{name}_lag_seconds"].append(link["lag_seconds"] if link else None)
    out = claims.copy()
    for column in VERDICT_COLUMNS:
        out[column] = columns[column]
    return out.astype({"first_contradiction_lag_seconds": "Int64", "first_support_lag_seconds": "Int64"})
