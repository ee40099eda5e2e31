"""The case summary paragraph, generated from the data in the language of the corrective statement.

Who made the corrective statement and when, whom it addressed, onto whom it
shifted the blame, which remedial actions it claimed (with their status),
which strategies it used (Benoit 1997; Coombs 2007), and for each claim who
contradicted or supported it and after how long. Every quote is an evidence
span copied verbatim from the statement, widened to the end of its phrase
(up to a few words, never past punctuation or a conjunction) and to an
elided article before it (« l’ »). The wording is data:
``toolkit/report/summary.yaml``, one block per language.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources
from typing import Any

import pandas as pd
import yaml

from ..codebook import load_codebook
from ..engine import CaseView
from ..io import TIME
from ..nlp.extensions import words_first

FALLBACK_LANGUAGE = "en"
QUOTE_EXTRA_WORDS = 4
_WORD = re.compile(r"[ \t]*([^\s.,;:!?«»\"“”()\[\]]+)")
_ELIDED = re.compile(r"\b(?:l|d|j|n|s|c|m|t|qu|jusqu|lorsqu|puisqu)['’]$", re.IGNORECASE)


@lru_cache(maxsize=1)
def wording() -> dict[str, dict[str, Any]]:
    """The wording templates per language (``summary.yaml``, package data)."""
    return yaml.safe_load((resources.files("toolkit.report") / "summary.yaml").read_text(encoding="utf-8"))


def case_language(case: CaseView) -> str:
    """The language of the case's first corrective statement, if the summary has wording for it."""
    corrective = case.statements[case.statements["corrective"].astype(str) == "1"]
    lang = str(corrective["language"].iloc[0]) if len(corrective) else FALLBACK_LANGUAGE
    return lang if lang in wording() else FALLBACK_LANGUAGE


def quote_bounds(text: str, start: int, end: int, _stop_words: frozenset[str] = frozenset()) -> tuple[int, int]:
    """Widen a span to an elided article before it and to the end of its phrase after it."""
    if _ELIDED.search(text[max(0, start - 8):start]):
        start -= len(_ELIDED.search(text[max(0, start - 8):start]).group(0))
    for _ in range(QUOTE_EXTRA_WORDS):
        match = _WORD.match(text, end)
        if not match or match.group(1).lower().strip("'’") in _stop_words:
            break
        end = match.end()
    return start, end


def format_lag(seconds: Any, words: dict[str, Any]) -> str:
    """``86400`` → « 1 jour plus tard » / "1 day later"."""
    if seconds is None or pd.isna(seconds) or str(seconds) == "":
        return words["lag_unknown"]
    value = float(seconds)
    if value == 0:
        return words["lag_zero"]
    for unit, size in (("day", 86400), ("hour", 3600), ("minute", 60)):
        if value >= size or unit == "minute":
            amount = round(value / size, 1)
            text = f"{amount:g}".replace(".", words["decimal"])
            name = words["lag_units"][unit][0 if amount <= 1 else 1]
            return words["lag"].format(value=text, unit=name)
    raise AssertionError("unreachable")


def _format_date(stamp: pd.Timestamp, words: dict[str, Any]) -> str | None:
    """A statement's UTC time as « 6 janvier 2020 » / "6 January 2020", or None without one."""
    if pd.isna(stamp):
        return None
    return words["date"].format(day=stamp.day, month=words["months"][stamp.month - 1], year=stamp.year)


def _plural(forms: dict[str, str], count: int) -> str:
    """The ``one`` or ``many`` form of a template."""
    return forms["one" if count == 1 else "many"]


def _stop_words(lang: str) -> frozenset[str]:
    """Words that end a widened quote in a statement of language ``lang`` (all languages' when unknown)."""
    book = wording()
    if lang in book:
        return frozenset(book[lang].get("quote_stop_words", ()))
    return frozenset(w for block in book.values() for w in block.get("quote_stop_words", ()))


def join(items: list[str], words: dict[str, Any]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return words["list_sep"].join(items[:-1]) + words["list_last"] + items[-1]


def summarize_case(case: CaseView, lang: str | None = None) -> str:
    """The summary paragraph of one case (plain text; the HTML template escapes it).

    Args:
        case: one case's tables (as read back from the output CSVs: strings).
        lang: wording language; default: that of the case's first corrective statement.
    """
    lang = lang or case_language(case)
    words = wording()[lang]
    statements = case.statements.set_index("statement_id", drop=False)
    corrective = statements[statements["corrective"].astype(str) == "1"]
    if corrective.empty:
        return words["no_corrective"].format(statements=len(statements))

    def label(dimension: str, name: str) -> str:
        return words["labels"].get(dimension, {}).get(name, name)

    def quote(statement_id: str, start: Any, end: Any) -> str:
        text = str(statements.loc[statement_id, "text"])
        stop = _stop_words(str(statements.loc[statement_id, "language"]))
        left, right = quote_bounds(text, int(start), int(end), stop)
        return words["quote"].format(text=text[left:right].strip())

    def who(statement_id: str) -> tuple[str, str]:
        row = statements.loc[statement_id]
        return str(row["speaker"]), words["roles"].get(str(row["speaker_role"]), str(row["speaker_role"]))

    sentences: list[str] = []
    for statement_id, row in corrective.iterrows():
        tags = words_first(case.tags[(case.tags["statement_id"] == statement_id) & (case.tags["counted"].astype(str) == "1")])
        date = _format_date(row[TIME], words)
        opening = words["opening_dated"].format(date=date, speaker=row["speaker"]) if date else words["opening"].format(speaker=row["speaker"])
        audience = tags[tags["dimension"] == "audience"]
        if len(audience):
            spans = _outer_spans(audience)
            quotes = join([quote(statement_id, s, e) for s, e in spans], words)
            labels = join([label("audience", name) for name in dict.fromkeys(audience["label"])], words)
            opening += words["audience"].format(quotes=quotes, labels=labels)
        sentences.append(opening + ".")
        blame = tags[tags["dimension"] == "blame_shift"]
        if len(blame):
            first = blame.iloc[0]
            clause = words["blame_shift"].format(label=label("blame_shift", first["label"]), quote=quote(statement_id, first["start_char"], first["end_char"]))
        else:
            clause = words["no_blame_shift"]
        remediation = tags[tags["dimension"] == "remediation"].drop_duplicates("label")
        if len(remediation):
            items = [
                words["remediation_item"].format(
                    label=label("remediation", r["label"]),
                    status=words["status"].get(str(r["status"]), str(r["status"])),
                    quote=quote(statement_id, r["start_char"], r["end_char"]),
                )
                for _, r in remediation.iterrows()
            ]
            clause += _plural(words["remediation"], len(items)).format(count=len(items), items=words["item_sep"].join(items))
        else:
            clause += words["no_remediation"]
        sentences.append(clause)
        strategies = list(dict.fromkeys(tags.loc[tags["dimension"] == "strategy", "label"]))
        if strategies:
            sentences.append(words["strategies"].format(labels=join([label("strategy", s) for s in sorted(strategies)], words)))
        sentences.extend(_claim_sentences(case, statement_id, words, label, quote, who))
    return " ".join(sentences)


def _outer_spans(tags: pd.DataFrame) -> list[tuple[int, int]]:
    """Spans not contained in another span of the same set, in text order."""
    spans = sorted({(int(s), int(e)) for s, e in zip(tags["start_char"], tags["end_char"])})
    return [(s, e) for s, e in spans if not any(o != (s, e) and o[0] <= s and e <= o[1] for o in spans)]


def _claim_sentences(case: CaseView, statement_id: str, words, label, quote, who) -> list[str]:
    claims = case.claims[(case.claims["statement_id"] == statement_id) & (case.claims["verdict"].astype(str) != "")]
    sentences, quiet = [], []
    for _, claim in claims.iterrows():
        name = label(claim["dimension"], claim["proposition"])
        claim_quote = quote(statement_id, claim["start_char"], claim["end_char"])
        links = case.links[case.links["claim_id"] == claim["claim_id"]]
        against = links[links["relation"] == "contradicts"]
        support = links[links["relation"] == "supports"]
        if len(against):
            first = against.iloc[0]
            speaker, role = who(first["evidence_statement_id"])
            text = _plural(words["contradicted"], against["evidence_statement_id"].nunique()).format(
                quote=claim_quote, label=name, count=against["evidence_statement_id"].nunique(),
                speaker=speaker, role=role, lag=format_lag(first["lag_seconds"], words),
            )
            order = (case.codebook or load_codebook()).strength_order
            ranked = against.assign(_rank=against["strength"].map(lambda s: order.index(s) if s in order else len(order)))
            strongest = ranked.sort_values("_rank", kind="stable").iloc[0]
            if strongest["evidence_statement_id"] != first["evidence_statement_id"]:
                s_speaker, s_role = who(strongest["evidence_statement_id"])
                start, end = (int(v) for v in str(strongest["evidence_span"]).split(":"))
                text += words["strongest"].format(
                    strength=words["strengths"].get(strongest["strength"], strongest["strength"]),
                    speaker=s_speaker, role=s_role, lag=format_lag(strongest["lag_seconds"], words),
                    quote=quote(strongest["evidence_statement_id"], start, end),
                )
            else:
                text += words["strength_only"].format(strength=words["strengths"].get(first["strength"], first["strength"]))
            sentences.append(text + ".")
        if len(support):
            first = support.iloc[0]
            speaker, role = who(first["evidence_statement_id"])
            sentences.append(words["supported"].format(quote=claim_quote, label=name, speaker=speaker, role=role,
                                                       lag=format_lag(first["lag_seconds"], words)) + ".")
        if not len(against) and not len(support):
            quiet.append(name)
    if quiet:
        which = words["uncontested_one"].format(label=quiet[0]) if len(quiet) == 1 else words["uncontested_many"].format(labels=join(quiet, words))
        sentences.append(words["uncontested"].format(labels=which))
    return sentences
