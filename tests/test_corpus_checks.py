"""Checks of the bundled corpus itself (corpora/CODING.md): files, ids, labels, links, adjudication, splits.

These run on the real data, so a case added with a typo, a link pointing
backwards or a gold value that does not follow from the two codings fails CI.
"""

from __future__ import annotations

import re

import pandas as pd
import pytest

from tests.conftest import CORPORA
from toolkit.validation.adjudication import adjudicate
from toolkit.codebook import load_codebook
from toolkit.validation.coding import coded_columns, read_coding, read_links, split_labels
from toolkit.validation.corpora import CODINGS, SPLITS, read_splits
from toolkit.io.statements import parse_times, read_statements

CASES = sorted(p.name for p in CORPORA.iterdir() if (p / "statements.csv").is_file())
FILES = ("statements.csv", "README.md", "adjudication.csv", *(f for pair in CODINGS.values() for f in pair))
BOOK = load_codebook()


def _statements(case: str) -> pd.DataFrame:
    return read_statements(CORPORA / case / "statements.csv", ["fr", "en"], case_default=case)


def _language(case: str) -> str:
    """A case's language: that of its first corrective statement (gold)."""
    gold = read_coding(CORPORA / case / "gold.csv", BOOK, case_id=case)
    statements = _statements(case).set_index("statement_id")
    return statements.at[gold.loc[gold["corrective"] == "1", "statement_id"].iloc[0], "language"]


def test_corpus_size_and_languages():
    languages = {case: _language(case) for case in CASES}
    statements = sum(len(_statements(case)) for case in CASES)
    assert len(CASES) >= 40 and statements >= 320
    assert sum(lang == "fr" for lang in languages.values()) >= 16
    assert sum(lang == "en" for lang in languages.values()) >= 16


@pytest.mark.parametrize("case", CASES)
def test_corpus_case_files_ids_and_sources(case):
    directory = CORPORA / case
    assert [f for f in FILES if not (directory / f).is_file()] == []
    statements = _statements(case)
    assert set(statements["case_id"]) == {case}
    assert statements["statement_id"].is_unique
    assert statements["source_url"].str.match(r"(https?://|seed:)\S+$").all(), "every statement names its source"
    assert parse_times(statements["timestamp"]).notna().all(), "every statement has a timestamp"
    assert statements["language"].isin(["fr", "en"]).all()


@pytest.mark.parametrize("case", CASES)
@pytest.mark.parametrize("coding", list(CODINGS))
def test_corpus_codings_cover_every_statement_with_codebook_labels(case, coding):
    coding_file, links_file = CODINGS[coding]
    statements = _statements(case)
    coded = read_coding(CORPORA / case / coding_file, BOOK, case_id=case)  # refuses any label not in the codebook
    assert coded["statement_id"].tolist() == statements["statement_id"].tolist()
    single = coded[coded["corrective"] == "0"]
    for column in coded_columns(BOOK):
        if column != "corrective":
            assert (single[column] == "").all(), f"{coding}: {column} coded on a non-corrective statement"
    for row in coded.itertuples(index=False):
        strategies = set(split_labels(row.strategies))
        assert ("blame_shift" in strategies) == bool(row.blame_shift), (coding, row.statement_id)
        assert ("corrective_action" in strategies) == bool(row.remediation), (coding, row.statement_id)
    links = read_links(CORPORA / case / links_file)
    assert set(links["claim_statement_id"]) | set(links["evidence_statement_id"]) <= set(statements["statement_id"])


@pytest.mark.parametrize("case", CASES)
def test_corpus_gold_links_go_from_a_corrective_statement_to_a_strictly_later_one(case):
    """Checked on the gold links; each coder's raw links are kept as coded (adjudication dropped the others)."""
    statements = _statements(case)
    corrective = set(read_coding(CORPORA / case / "gold.csv", BOOK, case_id=case).query("corrective == '1'")["statement_id"])
    times = dict(zip(statements["statement_id"], parse_times(statements["timestamp"])))
    for link in read_links(CORPORA / case / "links.csv").itertuples(index=False):
        assert times[link.evidence_statement_id] > times[link.claim_statement_id], f"{link} is not strictly later"
        assert link.claim_statement_id in corrective, f"{link} starts from a non-corrective statement"


@pytest.mark.parametrize("case", CASES)
def test_corpus_gold_is_derived_from_both_codings_and_the_adjudication(case):
    adjudicated = adjudicate(CORPORA / case, BOOK)
    assert len(adjudicated.open) == 0, adjudicated.open
    assert (adjudicated.disagreements["reason"].str.strip() != "").all(), "every disagreement has a reason"
    gold = read_coding(CORPORA / case / "gold.csv", BOOK, case_id=case).drop(columns=["case_id"])
    pd.testing.assert_frame_equal(gold.reset_index(drop=True), adjudicated.gold.reset_index(drop=True))
    links = read_links(CORPORA / case / "links.csv")[["claim_statement_id", "evidence_statement_id", "relation"]]
    assert sorted(map(tuple, links.to_numpy())) == sorted(map(tuple, adjudicated.links.to_numpy()))


def test_corpus_splits_cover_every_case_once_test_quarter_balanced():
    splits = read_splits(CORPORA)  # refuses unknown splits and cases assigned twice
    assert sorted(splits["case_id"]) == CASES
    assert set(splits["split"]) == set(SPLITS)
    test = splits[splits["split"] == "test"]["case_id"]
    assert len(test) >= 0.25 * len(CASES)
    languages = {case: _language(case) for case in test}
    assert min(list(languages.values()).count("fr"), list(languages.values()).count("en")) >= 0.4 * len(test)
    assert splits.set_index("case_id").at["mali-2020", "split"] == "train"


def test_corpus_index_lists_every_case_with_its_statement_count():
    index = (CORPORA / "INDEX.md").read_text(encoding="utf-8")
    rows = {m.group(1): int(m.group(2)) for m in re.finditer(r"^\| (\S+) \|[^\n]*?\| (\d+) \|[^|\n]*\|$", index, re.M)}
    assert {case: len(_statements(case)) for case in CASES} == rows


CONTRAST = CORPORA / "contrast"
VARIANTS = {"asserted", "negated", "reported", "promised", "done", "non_corrective", "near_miss"}


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_contrast_sets_parse_with_codebook_labels_and_cover_every_label(lang):
    frame = pd.read_csv(CONTRAST / f"{lang}.csv", dtype=str, keep_default_na=False)
    assert len(frame) >= 300 and frame["statement_id"].is_unique
    assert set(frame["variant"]) <= VARIANTS and (frame["language"] == lang).all()
    coded = read_coding(frame, BOOK, case_id=f"contrast-{lang}")  # refuses any label not in the codebook
    assert (coded.loc[frame["variant"].isin(["reported", "non_corrective"]).to_numpy(), "corrective"] == "0").all()
    asserted = coded[frame["variant"].isin(["asserted", "promised", "done"]).to_numpy()]
    for column, dimension in coded_columns(BOOK).items():
        if column == "corrective":
            continue
        counts = asserted[column].map(split_labels).explode().value_counts()
        missing = [label for label in BOOK.dimensions[dimension].labels if counts.get(label, 0) < 3]
        assert missing == [], f"{lang} {column}: fewer than 3 asserted examples of {missing}"
