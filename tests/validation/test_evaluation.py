"""Agreement statistics: textbook values, per-label figures, confusion, links (toolkit.validation.evaluation)."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from tests.conftest import CORPORA, MALI
from toolkit.codebook import load_codebook
from toolkit.errors import InputError
from toolkit.validation.evaluation import agreement, alpha_reliability, compare, evaluate, kappa, score_links

BOOK = load_codebook()

# Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", section C: nominal data,
# 4 observers x 12 units with missing values (None). Published: nominal alpha = 0.743
# (and interval alpha = 0.849, same data).
KRIPPENDORFF_2011 = [
    [1, 2, 3, 3, 2, 1, 4, 1, 2, None, None, None],
    [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, None, 3],
    [None, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, None],
    [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, None],
]


def test_evaluation_alpha_matches_krippendorff_2011_published_value():
    assert round(alpha_reliability(KRIPPENDORFF_2011), 3) == 0.743


def test_evaluation_alpha_nominal_ignores_value_names():
    letters = [[None if v is None else "abcde"[v - 1] for v in row] for row in KRIPPENDORFF_2011]
    assert round(alpha_reliability(letters), 3) == 0.743


def test_evaluation_kappa_matches_textbook_example():
    # 50 items, both "yes" 20, A yes/B no 5, A no/B yes 10, both "no" 15: p_o = 0.70, p_e = 0.50, kappa = 0.40
    a = ["yes"] * 25 + ["no"] * 25
    b = ["yes"] * 20 + ["no"] * 5 + ["yes"] * 10 + ["no"] * 15
    assert kappa(a, b) == pytest.approx(0.4)


def test_evaluation_alpha_and_kappa_undefined_without_variation():
    assert math.isnan(alpha_reliability([[1, 1, 1], [1, 1, 1]]))
    assert math.isnan(kappa([0, 0, 0], [0, 0, 0]))


def coding(rows):
    return pd.DataFrame(rows, columns=["case_id", "statement_id", "corrective", "blame_shift", "strategies"])


REFERENCE = coding(
    [
        ("c", "s1", "1", "external_attacker", "blame_shift;minimization"),
        ("c", "s2", "1", "", "apology"),
        ("c", "s3", "0", "", ""),
        ("c", "s4", "1", "third_party", "blame_shift"),
    ]
)
CANDIDATE = coding(
    [
        ("c", "s1", "1", "external_attacker", "blame_shift"),
        ("c", "s2", "0", "", ""),
        ("c", "s3", "0", "", ""),
        ("c", "s4", "1", "external_attacker", "blame_shift;denial"),
    ]
)


def test_evaluation_compare_per_label_counts_and_micro_macro():
    result = compare(REFERENCE, CANDIDATE, BOOK)
    labels = result.labels.set_index(["dimension", "label"])
    assert labels.loc[("strategies", "blame_shift"), ["tp", "fp", "fn"]].tolist() == [2, 0, 0]
    assert labels.loc[("strategies", "apology"), ["support", "predicted", "recall"]].tolist() == [1, 0, 0.0]
    assert labels.loc[("strategies", "denial"), ["support", "fp"]].tolist() == [0, 1]
    strategies = result.dimension("strategies")
    assert (strategies.tp, strategies.fp, strategies.fn) == (2, 1, 2)
    assert strategies.precision == pytest.approx(2 / 3) and strategies.recall == pytest.approx(0.5)
    assert strategies.f1 == pytest.approx(4 / 7)
    # macro over labels present in either coding: blame_shift 1, minimization 0, apology 0, denial 0
    assert strategies.macro_f1 == pytest.approx(0.25)
    corrective = result.dimension("corrective")
    assert (corrective.tp, corrective.fp, corrective.fn) == (2, 0, 1)
    assert corrective.exact_match == pytest.approx(0.75)


def test_evaluation_compare_confusion_for_single_label_dimensions():
    result = compare(REFERENCE, CANDIDATE, BOOK)
    assert set(result.confusion) == {"corrective", "blame_shift"}
    blame = result.confusion["blame_shift"]
    assert blame.loc["third_party", "external_attacker"] == 1
    assert blame.loc["external_attacker", "external_attacker"] == 1
    assert blame.loc["(none)", "(none)"] == 2
    assert int(blame.to_numpy().sum()) == 4
    assert result.confusion["corrective"].loc["1", "0"] == 1


def test_evaluation_lists_every_disagreement_with_missed_and_extra_labels(tmp_path):
    result = compare(REFERENCE, CANDIDATE, BOOK)
    rows = result.disagreements.set_index(["statement_id", "dimension"])
    assert set(rows.index) == {("s2", "corrective"), ("s4", "blame_shift"), ("s1", "strategies"),
                               ("s2", "strategies"), ("s4", "strategies")}
    assert rows.loc[("s4", "blame_shift"), ["missed", "extra"]].tolist() == ["third_party", "external_attacker"]
    assert rows.loc[("s1", "strategies"), ["reference", "candidate", "missed", "extra"]].tolist() == [
        "blame_shift;minimization", "blame_shift", "minimization", ""]
    assert rows.loc[("s2", "corrective"), ["missed", "extra"]].tolist() == ["1", ""]
    result.write(tmp_path)
    assert len(pd.read_csv(tmp_path / "evaluation-disagreements.csv")) == 5


def test_evaluation_compare_alpha_kappa_per_dimension():
    result = compare(REFERENCE, CANDIDATE, BOOK)
    corrective = result.dimension("corrective")
    assert corrective.kappa == pytest.approx(kappa(["1", "1", "0", "1"], ["1", "0", "0", "1"]))
    assert corrective.alpha == pytest.approx(alpha_reliability([["1", "1", "0", "1"], ["1", "0", "0", "1"]]))
    identical = compare(REFERENCE, REFERENCE, BOOK)
    assert (identical.dimensions[["f1", "alpha", "kappa"]] == 1.0).all().all()


def test_evaluation_links_scored_as_triples():
    gold = pd.DataFrame(
        [("c", "s1", "s3", "contradicts"), ("c", "s1", "s4", "supports")],
        columns=["case_id", "claim_statement_id", "evidence_statement_id", "relation"],
    )
    found = pd.DataFrame(
        [("c", "s1", "s3", "contradicts"), ("c", "s1", "s3", "contradicts"), ("c", "s1", "s4", "contradicts")],
        columns=["case_id", "claim_statement_id", "evidence_statement_id", "relation"],
    )
    scores = score_links(gold, found).set_index("relation")
    assert scores.loc["all", ["tp", "fp", "fn"]].tolist() == [1, 1, 1]
    assert scores.loc["supports", "recall"] == 0.0
    assert scores.loc["contradicts", "precision"] == 0.5


def test_evaluation_evaluate_mali_against_gold():
    result = evaluate(MALI / "statements.csv", MALI / "gold.csv", MALI / "links.csv")
    assert result.dimension("corrective").f1 == 1.0
    assert result.dimension("blame_shift").tp == 1
    assert result.links.set_index("relation").loc["contradicts", "f1"] == 1.0
    assert len(result.pairs) == 6


def test_evaluation_evaluate_unknown_label_names_file_row_column(tmp_path):
    gold = tmp_path / "gold.csv"
    gold.write_text("statement_id,corrective,blame_shift\ns1,0,\ns2,1,hackers\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"gold.csv, row 2, column 'blame_shift': label 'hackers'"):
        evaluate(MALI / "statements.csv", gold)


@pytest.mark.parametrize(
    "content,expected",
    [
        ("corrective\n1\n", "no 'statement_id' column"),
        ("statement_id,notes\ns1,x\n", "no coded dimension column"),
        ("statement_id,corrective\ns1,yes\n", "row 1, column 'corrective': 'yes' is not 0 or 1"),
        ("statement_id,blame_shift\ns1,external_attacker;third_party\n", "2 labels"),
        ("statement_id,corrective\ns1,0\ns1,1\n", "row 2, column 'statement_id': duplicate"),
        ("statement_id,corrective\ns99,1\n", "row 1, column 'statement_id': statement 's99'"),
    ],
)
def test_evaluation_bad_gold_one_clear_error(tmp_path, content, expected):
    gold = tmp_path / "gold.csv"
    gold.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=expected):
        evaluate(MALI / "statements.csv", gold)


def test_evaluation_gold_without_case_id_needs_single_case(tmp_path):
    from toolkit.validation.corpora import read_corpora

    corpus = read_corpora([CORPORA / "mali-2020", CORPORA / "weiner-2011"])
    with pytest.raises(InputError, match="no 'case_id' column, and the statements hold 2 cases"):
        evaluate(corpus.statements, corpus.gold.drop(columns="case_id"))


def test_evaluation_agreement_between_coders_warns_on_unshared(tmp_path):
    a = tmp_path / "a.csv"
    b = tmp_path / "b.csv"
    a.write_text("statement_id,corrective,strategies\ns1,1,apology\ns2,1,denial\ns3,0,\n", encoding="utf-8")
    b.write_text("statement_id,corrective,strategies\ns1,1,apology\ns2,0,\ns4,1,apology\n", encoding="utf-8")
    with pytest.warns(UserWarning, match="1 statement|2 statement"):
        result = agreement(a, b)
    assert result.reference == "a" and result.candidate == "b"
    assert result.dimension("corrective").units == 2
    assert result.dimension("strategies").recall == 0.5


def test_evaluation_writes_csv_and_markdown(tmp_path):
    result = compare(REFERENCE, CANDIDATE, BOOK)
    written = {p.name for p in result.write(tmp_path)}
    assert {"evaluation-dimensions.csv", "evaluation-labels.csv", "confusion-blame_shift.csv", "evaluation.md"} <= written
    text = (tmp_path / "evaluation.md").read_text(encoding="utf-8")
    assert "| strategies |" in text and "## Confusion: blame_shift" in text
    frame = pd.read_csv(tmp_path / "evaluation-dimensions.csv")
    assert list(frame["dimension"]) == ["corrective", "blame_shift", "strategies"]


def test_evaluation_claim_verdicts_from_links():
    from toolkit.validation.evaluation import claim_verdicts

    reference = pd.DataFrame({"case_id": ["c"] * 5, "statement_id": ["s1", "s2", "s3", "s4", "x"],
                              "corrective": ["1", "1", "1", "1", "0"]})
    links = lambda rows: pd.DataFrame(  # noqa: E731
        [("c", *row) for row in rows], columns=["case_id", "claim_statement_id", "evidence_statement_id", "relation"])
    gold = links([("s1", "e1", "contradicts"), ("s2", "e1", "supports"), ("s3", "e1", "contradicts"), ("s3", "e2", "supports")])
    found = links([("s1", "e2", "contradicts"), ("s4", "e1", "supports"), ("x", "e1", "supports")])
    verdicts = claim_verdicts(reference, gold, found).set_index("statement_id")
    assert list(verdicts["reference"]) == ["contradicted", "supported", "disputed", "uncontested"]
    assert list(verdicts["candidate"]) == ["contradicted", "uncontested", "uncontested", "supported"]
    evaluation = compare(reference.assign(audience=""), reference.assign(audience=""), load_codebook(),
                         reference_links=gold, candidate_links=found)
    assert evaluation.verdict_accuracy == 0.25
    assert evaluation.verdict_confusion().loc["disputed", "uncontested"] == 1
