"""The codebook as a table for papers (toolkit.codebook)."""

from __future__ import annotations

from toolkit.codebook import codebook_markdown, codebook_table, load_codebook


def test_codebook_table_lists_every_label_with_pattern_counts():
    book = load_codebook()
    table = codebook_table(book)
    assert len(table) == sum(len(d.labels) for d in book.dimensions.values())
    assert {"patterns_en", "patterns_fr"} <= set(table.columns)
    row = table.set_index(["dimension", "label"]).loc[("remediation", "platform_notified")]
    assert row["column"] == "remediation"
    assert row["patterns_fr"] == len([r for r in book.language("fr").rules_for("remediation") if r.label == "platform_notified"])
    assert row["patterns_fr"] > 0
    strategy = table.set_index(["dimension", "label"]).loc[("strategy", "denial")]
    assert "event.act_committed (negated)" in strategy["implied_by"]


def test_codebook_table_markdown_has_a_section_per_dimension():
    book = load_codebook()
    text = codebook_markdown(book)
    for name in book.dimensions:
        assert f"## {name}\n" in text
    assert "| `external_attacker` |" in text
