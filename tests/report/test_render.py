"""Rendering: untrusted text stays text in HTML and Markdown; strict CSP; only http(s) links."""

from __future__ import annotations

from toolkit.report.render import content_security_policy, md, render, safe_url, stylesheet


def test_render_markdown_escapes_html_and_links():
    text = md('<script>alert(1)</script> [x](javascript:alert(1)) *bold* | cell\nnext')
    assert "<" not in text and ">" not in text and "](" not in text and "\n" not in text
    assert "\\|" in text and "\\*bold\\*" in text


def test_render_only_http_links():
    assert safe_url("https://example.org/a") == "https://example.org/a"
    assert safe_url("javascript:alert(1)") is None and safe_url(" data:text/html,x") is None


def test_render_csp_forbids_scripts_and_requests():
    csp = content_security_policy(stylesheet())
    assert "default-src 'none'" in csp and "script-src 'none'" in csp and "img-src data:" in csp
    assert "unsafe-inline" not in csp


def test_render_index_autoescapes():
    html = render("index.html", cases=[{"case_id": "<b>x</b>", "href": "cases/x/report.html", "language": "fr",
                                        "statements": 1, "corrective_statements": 0, "claims": 0, "contradicted": 0,
                                        "supported": 0, "disputed": 0, "uncontested": 0, "lag": "—", "md_href": ""}],
                  totals={k: 0 for k in ("statements", "corrective_statements", "claims", "contradicted", "supported",
                                         "disputed", "uncontested")},
                  heatmap_uri="data:,", lag_uri="data:,", lag_count=0, provenance=[])
    assert "&lt;b&gt;x&lt;/b&gt;" in html and "<b>x</b>" not in html
