"""English analyzers: for every label of every coded dimension, a positive sentence, a near miss
and, where it applies, a negated sentence (all written for the purpose).

Each row: (dimension, label, text, expected) with expected one of
``"coded"`` (the statement, by an official, gets the label in its column),
``"absent"`` (no span of that label at all), ``"negated"`` (a negated span
of that label exists and the label is not coded).
"""

from __future__ import annotations

import pytest

from tests.conftest import labels

CASES = [
    ("blame_shift", "external_attacker", "Our account was compromised by hackers last night.", "coded"),
    ("blame_shift", "external_attacker", "We are working to protect our users.", "absent"),
    ("blame_shift", "external_attacker", "We were not hacked.", "negated"),
]


@pytest.mark.parametrize("dimension,label,text,expected", CASES)
def test_dimension_en_label(tag, dimension, label, text, expected):
    doc = tag("en", text)
    column = {"strategy": "strategies"}.get(dimension, dimension)
    coded = set(doc._.codes.get(column, []))
    if expected == "coded":
        assert label in coded, [(s.text, s.label_, s.id_) for s in doc.spans[dimension]]
    elif expected == "absent":
        assert label not in labels(doc, dimension)
        assert label not in coded
    else:
        assert label in labels(doc, dimension, negated=True)
        assert label not in coded
