"""Each disagreement with the gold coding gets the cause the rule layer's tags show."""

from __future__ import annotations

import pandas as pd

from toolkit.codebook import load_codebook
from toolkit.validation.error_causes import error_causes

DISAGREEMENTS = pd.DataFrame(
    [
        ("c", "s1", "corrective", "1", "", "1", ""),
        ("c", "s1", "audience", "customers", "", "customers", ""),
        ("c", "s2", "blame_shift", "third_party", "external_attacker", "third_party", "external_attacker"),
        ("c", "s3", "remediation", "investigation;content_removed", "", "investigation;content_removed", ""),
        ("c", "s4", "strategies", "denial", "denial;apology;bolstering", "", "apology;bolstering"),
    ],
    columns=["case_id", "statement_id", "dimension", "reference", "candidate", "missed", "extra"],
)
TAGS = pd.DataFrame(
    [
        ("c", "s2", "blame_shift", "external_attacker", 1),
        ("c", "s3", "remediation", "investigation", 0),  # negated: found, not counted
        ("c", "s4", "strategy", "apology", 1),
    ],
    columns=["case_id", "statement_id", "dimension", "label", "counted"],
)


def test_every_missed_and_added_label_gets_its_cause():
    causes = error_causes(DISAGREEMENTS, TAGS, load_codebook())
    got = {(r.statement_id, r.label, r.kind): r.cause for r in causes.itertuples()}
    assert got == {
        ("s1", "customers", "missed"): "statement_missed",
        ("s2", "third_party", "missed"): "other_label",
        ("s2", "external_attacker", "added"): "added_by_rules",
        ("s3", "investigation", "missed"): "words_not_counted",
        ("s3", "content_removed", "missed"): "no_words",
        ("s4", "apology", "added"): "added_by_rules",
        ("s4", "bolstering", "added"): "added_by_model",
    }
