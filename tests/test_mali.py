"""The founding case end to end: the toolkit's coding of the Mali corpus equals the human coding."""

from __future__ import annotations

import pandas as pd
import pytest

import toolkit
from tests.conftest import MALI

COLUMNS = ["corrective", "audience", "blame_shift", "remediation", "strategies"]


@pytest.fixture(scope="module")
def mali():
    return toolkit.analyze(MALI / "statements.csv")


def test_mali_statements_equal_gold(mali):
    gold = pd.read_csv(MALI / "gold.csv", dtype=str, keep_default_na=False).set_index("statement_id")
    got = mali.statements.set_index("statement_id")[COLUMNS].astype(str)
    assert got.loc[gold.index].to_dict("index") == gold[COLUMNS].to_dict("index")


def test_mali_presidency_statement(mali):
    row = mali.statements.set_index("statement_id").loc["s3"]
    assert row.corrective == 1
    assert row.audience == "international_community;national_public"
    assert row.blame_shift == "external_attacker"
    assert row.remediation == "investigation;platform_notified"
    assert "minimization" in row.strategies.split(";")


def test_mali_remediation_status_and_evidence(mali):
    tags = mali.tags[(mali.tags.statement_id == "s3") & (mali.tags.dimension == "remediation")]
    status = {r.label: r.status for r in tags.itertuples() if r.text in ("Twitter en a été informé", "investigations")}
    assert status == {"platform_notified": "done", "investigation": "ongoing"}
    text = pd.read_csv(MALI / "statements.csv").set_index("statement_id").at["s3", "text"]
    for r in tags.itertuples():
        assert text[r.start_char : r.end_char] == r.text
        assert r.rule.startswith(("fr.rem.", "model:toolkit_learned@"))
    # both the rules and the learned model found both actions: the learned tags sit on the sentence
    found = {(r.label, r.rule.split(".")[0].split("@")[0]): r.found_by for r in tags.itertuples() if r.counted}
    assert set(found.values()) == {"rules+model"} and {label for label, _ in found} == {"platform_notified", "investigation"}


def test_mali_blame_shift_evidence_is_the_passive_agent(mali):
    tag = mali.tags[(mali.tags.statement_id == "s3") & (mali.tags.dimension == "blame_shift")].iloc[0]
    assert "piraté par des individus" in tag.text
    assert tag.counted == 1 and tag.negated == 0


@pytest.mark.parametrize("statement_id", ["s5", "s6"])
def test_mali_community_manager_negates_the_hack(mali, statement_id):
    row = mali.statements.set_index("statement_id").loc[statement_id]
    assert row.blame_shift == "" and row.corrective == 0
    hack = mali.tags[
        (mali.tags.statement_id == statement_id) & (mali.tags.dimension == "cause") & (mali.tags.label == "external_attack")
    ]
    assert len(hack) == 2 and set(hack.negated) == {1}
    assert {t.lower() for t in hack.text} == {"ni pirates", "ni hackers"}


def test_mali_commentator_quote_is_attributed_to_the_presidency(mali):
    quoted = mali.tags[(mali.tags.statement_id == "s4") & (mali.tags.label == "external_attack")]
    assert set(quoted.reported_by) == {"@PresidenceMali"}
