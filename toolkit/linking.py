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
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

import pandas as pd

from .claims import same_party
from .codebook import Codebook

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
class LinkRule:
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
    def from_spec(cls, spec: dict[str, Any]) -> "LinkRule":
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
    rules = [LinkRule.from_spec(spec) for spec in book.links.get("rules", [])]
    strength = book.links.get("strength", {})
    stopwords = frozenset(book.links.get("party_stopwords", []))
    times = pd.to_datetime(statements["timestamp"].replace("", None), utc=True, format="ISO8601")
    frame = statements.assign(_time=times, _position=range(len(statements)))
    claims = claims.assign(_key=claims["dimension"] + "." + claims["proposition"])
    link_rows: list[dict[str, Any]] = []
    case_rows: list[dict[str, Any]] = []
    claims_by_case = dict(tuple(claims.groupby("case_id", sort=False)))
    for case_id, case in frame.groupby("case_id", sort=False):
        case_claims = claims_by_case.get(case_id, claims.iloc[0:0])
        linker = _CaseLinker(case, case_claims, rules, strength, stopwords)
        link_rows.extend(linker.links())
        case_rows.append(linker.metrics())
    links = pd.DataFrame(link_rows, columns=LINK_COLUMNS).astype({"lag_seconds": "Int64"})
    verdicts = _verdicts(claims, links, frame)
    cases = pd.DataFrame(case_rows, columns=CASE_COLUMNS)
    counts = verdicts[verdicts["verdict"] != ""].groupby(["case_id", "verdict"]).size().unstack(fill_value=0)
    for verdict in ("contradicted", "supported", "disputed", "uncontested"):
        cases[verdict] = cases["case_id"].map(counts[verdict] if verdict in counts else {}).fillna(0).astype(int)
    cases["claims"] = cases[["contradicted", "supported", "disputed", "uncontested"]].sum(axis=1)
    lags = ["lag_incident_to_corrective_seconds", "lag_corrective_to_contradiction_seconds"]
    cases = cases.astype({column: "Int64" for column in lags})
    return links, verdicts.drop(columns="_key"), cases


class _CaseLinker:
    """Links within one case; statements are ordered by time, or by file order without times."""

    def __init__(self, case: pd.DataFrame, claims: pd.DataFrame, rules, strength, stopwords):
        self.case = case.set_index("statement_id", drop=False)
        self.role = dict(zip(case["statement_id"], case["speaker_role"]))
        self.time = dict(zip(case["statement_id"], case["_time"]))
        self.claims = claims
        self.rules = rules
        self.strength = strength
        self.stopwords = stopwords
        self.timed = case["_time"].notna().all()
        self.order = self.case["_time"] if self.timed else self.case["_position"]
        self.ordinal = {sid: value for sid, value in self.order.items()}
        self.index: dict[str, list[tuple[Any, int, dict[str, Any]]]] = defaultdict(list)
        for n, claim in enumerate(claims.to_dict("records")):
            self.index[claim["_key"]].append((self.ordinal[claim["statement_id"]], n, claim))
        for entries in self.index.values():
            entries.sort(key=lambda e: (e[0], e[1]))
        self._links: list[dict[str, Any]] | None = None
        self.plan = {
            key: [(rule, ekey) for rule in rules for ekey in rule.evidence_keys(key, set(self.index))]
            for key in self.index
        }

    def links(self) -> list[dict[str, Any]]:
        """The case's links, computed once."""
        if self._links is None:
            self._links = self._find_links()
        return self._links

    def _find_links(self) -> list[dict[str, Any]]:
        corrective = set(self.case.loc[self.case["corrective"] == 1, "statement_id"])
        found: dict[tuple[str, str, str], dict[str, Any]] = {}
        for claim in self.claims.to_dict("records"):
            if claim["statement_id"] not in corrective:
                continue
            when = self.ordinal[claim["statement_id"]]
            for rule, ekey in self.plan[claim["_key"]]:
                entries = self.index[ekey]
                start = bisect.bisect_right(entries, when, key=lambda e: e[0])
                for _, _, evidence in entries[start:]:
                    self._consider(found, rule, claim, evidence)
        position = self.case["_position"]
        return sorted(
            found.values(),
            key=lambda r: (self.ordinal[r["evidence_statement_id"]], position[r["evidence_statement_id"]], r["claim_id"]),
        )

    def _consider(self, found, rule: LinkRule, claim, evidence) -> None:
        same = same_party(evidence["speaker"], claim["speaker"], self.stopwords)
        if evidence["source"] == "reported" and same:
            return  # quoting the claimant is an echo, not evidence
        if not rule.fits(claim["polarity"], evidence["polarity"], same):
            return
        key = (claim["claim_id"], evidence["statement_id"], rule.relation)
        if key in found:
            return
        role = self.role[evidence["statement_id"]]
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
        return int((self.time[later] - self.time[earlier]).total_seconds())

    def metrics(self) -> dict[str, Any]:
        case = self.case.sort_values(["_time", "_position"] if self.timed else ["_position"])
        corrective = case[case["corrective"] == 1]
        official = case[(case["corrective"] == 0) & case["speaker_role"].isin(["official"])]
        incident = official.iloc[0] if len(official) else None
        first = corrective.iloc[0] if len(corrective) else None
        contradiction = None
        if first is not None:
            later = [sid for sid in case["statement_id"] if self.ordinal[sid] > self.ordinal[first["statement_id"]]]
            contradicting = {
                r["evidence_statement_id"] for r in self.links() if r["relation"] == "contradicts"
            }
            contradiction = next((case.loc[sid] for sid in later if sid in contradicting), None)
        deleted = case[case["deleted_at"].str.strip() != ""]
        return {
            "case_id": case["case_id"].iloc[0],
            "order_basis": "timestamp" if self.timed else "file_order",
            "statements": len(case),
            "corrective_statements": len(corrective),
            "incident_statement_id": _get(incident, "statement_id"),
            "incident_at": _at(incident, self.timed),
            "first_corrective_statement_id": _get(first, "statement_id"),
            "first_corrective_at": _at(first, self.timed),
            "first_contradiction_statement_id": _get(contradiction, "statement_id"),
            "first_contradiction_at": _at(contradiction, self.timed),
            "lag_incident_to_corrective_seconds": _seconds(incident, first, self.timed),
            "lag_corrective_to_contradiction_seconds": _seconds(first, contradiction, self.timed),
            "deleted_statements": ";".join(f"{r.statement_id}@{r.deleted_at}" for r in deleted.itertuples()),
        }


def _get(row, column: str) -> str:
    return "" if row is None else row[column]


def _at(row, timed: bool) -> str:
    return "" if row is None or not timed else row["_time"].isoformat()


def _seconds(earlier, later, timed: bool) -> int | None:
    if earlier is None or later is None or not timed:
        return None
    return int((later["_time"] - earlier["_time"]).total_seconds())


def _verdicts(claims: pd.DataFrame, links: pd.DataFrame, statements: pd.DataFrame) -> pd.DataFrame:
    """contradicted / supported / disputed / uncontested for claims of corrective statements ('' otherwise)."""
    corrective = set(zip(statements.loc[statements["corrective"] == 1, "case_id"], statements.loc[statements["corrective"] == 1, "statement_id"]))
    out = claims.copy()
    firsts = {}
    for relation in ("contradicts", "supports"):
        subset = links[links["relation"] == relation]
        firsts[relation] = subset.drop_duplicates(["case_id", "claim_id"]).set_index(["case_id", "claim_id"])
    keys = list(zip(out["case_id"], out["claim_id"]))
    verdicts, columns = [], defaultdict(list)
    for key, statement in zip(keys, out["statement_id"]):
        hit = {rel: key in firsts[rel].index for rel in firsts}
        if (key[0], statement) not in corrective:
            verdicts.append("")
        elif hit["contradicts"] and hit["supports"]:
            verdicts.append("disputed")
        elif hit["contradicts"]:
            verdicts.append("contradicted")
        elif hit["supports"]:
            verdicts.append("supported")
        else:
            verdicts.append("uncontested")
        for rel, name in (("contradicts", "contradiction"), ("supports", "support")):
            row = firsts[rel].loc[key] if hit[rel] else None
            columns[f"first_{name}_statement_id"].append("" if row is None else row["evidence_statement_id"])
            columns[f"first_{name}_lag_seconds"].append(None if row is None else row["lag_seconds"])
    out["verdict"] = verdicts
    for column, values in columns.items():
        out[column] = values
    for column in ("first_contradiction_lag_seconds", "first_support_lag_seconds"):
        out[column] = out[column].astype("Int64")
    return out
