"""``highlight_html``: spans highlighted per dimension, notes with label/status/rule, negation shown, text escaped."""

from __future__ import annotations

import pandas as pd
from markupsafe import Markup

from toolkit.report.highlight import highlight_html

TEXT = "Ni pirates, ni hackers. Twitter en a été informé <script>alert(1)</script>"


def tags(*rows):
    columns = ["dimension", "label", "status", "negated", "start_char", "end_char", "rule", "reported_by"]
    return pd.DataFrame(list(rows), columns=columns)


def test_highlight_marks_dimension_status_rule_and_negation():
    html = highlight_html(TEXT, tags(
        ("blame_shift", "external_attacker", "", "1", 0, 10, "fr.cause.attack_noun", ""),
        ("remediation", "platform_notified", "done", "0", 24, 48, "fr.rem.platform_informed", ""),
    ))
    assert isinstance(html, Markup)
    assert '<mark class="tag dim-blame_shift negated"' in html and "¬" in html
    assert '<mark class="tag dim-remediation"' in html and ">Twitter en a été informé</mark>" in html
    assert "remediation: platform_notified [done] — rule fr.rem.platform_informed" in html
    assert "blame_shift: external_attacker (negated)" in html
    assert html.count('<li id="t-') == 2


def test_highlight_escapes_untrusted_text():
    html = highlight_html(TEXT, tags())
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "tag-notes" not in html


def test_highlight_overlapping_spans_keep_the_text_intact():
    html = highlight_html("abcdef", tags(
        ("audience", "national_public", "", "0", 0, 4, "r1", ""),
        ("audience", "international_community", "", "0", 0, 6, "r2", ""),
    ))
    plain = Markup(html.split("<ol")[0]).striptags()
    assert plain.replace("1", "").replace("2", "") == "abcdef"
