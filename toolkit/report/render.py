"""Jinja2 rendering of the case reports and the overview, HTML (autoescaped) and Markdown.

Templates are package data (``toolkit/report/templates/``) loaded with
``importlib.resources``. HTML is autoescaped; the Markdown templates escape
every untrusted value with the :func:`md` filter (HTML metacharacters as
entities, Markdown punctuation with backslashes), so a statement holding
``<script>`` or ``[x](javascript:…)`` stays text in either format. The HTML
carries a strict Content-Security-Policy: no script, no network, only its
own inline stylesheet (by hash) and ``data:`` images.
"""

from __future__ import annotations

import base64
import hashlib
import re
from functools import lru_cache
from importlib import resources
from typing import Any
from urllib.parse import urlsplit

from jinja2 import Environment, FunctionLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

TEMPLATES = "templates"
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|~])")


def _load_template(name: str) -> str:
    return (resources.files("toolkit.report") / TEMPLATES / name).read_text(encoding="utf-8")


def md(value: Any) -> str:
    """One-line Markdown text: HTML metacharacters as entities, Markdown punctuation escaped, newlines as spaces."""
    text = "" if value is None else str(value)
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _MD_SPECIAL.sub(r"\\\1", text)
    return re.sub(r"\s*\n\s*", " ", text)


def safe_url(value: Any) -> str | None:
    """An ``http(s)`` URL as is; anything else (``javascript:``, ``data:``…) is not a link."""
    text = str(value or "").strip()
    return text if urlsplit(text).scheme in ("http", "https") else None


def data_uri(data: bytes, mime: str) -> str:
    return f"data:{mime};base64," + base64.b64encode(data).decode("ascii")


@lru_cache(maxsize=1)
def stylesheet() -> str:
    return _load_template("report.css")


def content_security_policy(css: str) -> str:
    """No scripts, no requests: only the inline stylesheet (by hash) and embedded images."""
    digest = base64.b64encode(hashlib.sha256(css.encode("utf-8")).digest()).decode("ascii")
    return (
        "default-src 'none'; img-src data:; "
        f"style-src 'sha256-{digest}'; script-src 'none'; connect-src 'none'; font-src 'none'; "
        "base-uri 'none'; form-action 'none'"
    )


@lru_cache(maxsize=1)
def environment() -> Environment:
    env = Environment(
        loader=FunctionLoader(_load_template),
        autoescape=select_autoescape(enabled_extensions=("html",), disabled_extensions=("md",), default=True),
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["md"] = md
    env.filters["safe_url"] = safe_url
    return env


def render(name: str, **context: Any) -> str:
    """Render ``templates/<name>`` (``*.html`` autoescaped, ``*.md`` with the ``md`` filter)."""
    css = stylesheet()
    return environment().get_template(name).render(css=Markup(css), csp=content_security_policy(css), **context)
