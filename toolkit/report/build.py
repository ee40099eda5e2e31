"""Write the case-study reports of an output directory: one per case, plus the overview.

Reports are built from the tables as written (``statements.csv``, ``tags.csv``,
``claims.csv``, ``links.csv``, ``cases.csv``, read back typed with
:func:`toolkit.read_result`), so ``toolkit analyze --report`` and a later
``toolkit report DIR`` give the same bytes. The codebook in force (bundled
plus ``--codebook``) gives the label columns shown per statement and the
strategy labels of the figures, so a user's own dimension reaches the report.
Every file goes through :func:`toolkit.io.write_atomic`.

Layout::

    DIR/index.html, DIR/index.md, DIR/figures/{strategy-heatmap,time-to-contradiction}.{png,svg}
    DIR/cases/<case_id>/report.html, report.md, {timeline,strategies}.{png,svg} [, report.pdf]
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path
from typing import Any

import matplotlib.pyplot as plt
import pandas as pd

from ..codebook import Codebook, CodebookDirs, load_codebook
from ..engine import CaseView, Result, read_result
from ..errors import Errors, ReportError, Warnings, warn
from ..io import TABLES, write_atomic
from ..io.provenance import read_provenance
from ..nlp.extensions import is_learned
from . import figures
from .highlight import highlight_html, tag_description
from .render import data_uri, render
from .summary import case_language, format_lag, summarize_case, wording

def _read_tables(directory: Path, codebook: Codebook | CodebookDirs = None) -> Result:
    """The tables an earlier ``toolkit analyze`` wrote into ``directory``, typed (:func:`toolkit.read_result`).

    Raises:
        ReportError: when the directory or one of the tables is missing.
    """
    for name in TABLES:
        if not (Path(directory) / f"{name}.csv").is_file():
            raise ReportError(Errors.E050.format(path=Path(directory) / f"{name}.csv"))
    return read_result(directory, codebook=codebook)


def _case_slug(case_id: str) -> str:
    """A directory name for a case: its id when it is a safe file name, else a sanitised id plus a short hash."""
    if re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._-]{0,99}", case_id) and ".." not in case_id:
        return case_id
    cleaned = re.sub(r"[^A-Za-z0-9._-]+", "_", case_id).strip("._")[:60] or "case"
    return f"{cleaned}-{hashlib.sha256(case_id.encode('utf-8')).hexdigest()[:8]}"


def _save(fig, base: Path) -> dict[str, bytes]:
    images = {fmt: figures.figure_bytes(fig, fmt) for fmt in ("png", "svg")}
    plt.close(fig)
    for fmt, data in images.items():
        write_atomic(base.with_suffix(f".{fmt}"), data)
    return images


def _strategy_labels(result: Result) -> list[str]:
    """Strategy labels in codebook order, then any other label found in the data."""
    known = list(result.codebook.dimensions["strategy"].labels)
    found = sorted(set(result.tags.loc[result.tags["dimension"] == "strategy", "label"]) - set(known))
    return known + found


def _provenance_items(provenance: dict[str, Any] | None) -> list[tuple[str, str]]:
    """Provenance as ordered (name, value) pairs for the templates."""
    if not provenance:
        return [("provenance", "not recorded (no provenance.json in the output directory)")]
    models = provenance.get("models") or {}
    return [
        ("toolkit", str(provenance.get("toolkit_version"))),
        ("spaCy", str(provenance.get("spacy_version"))),
        ("models", ", ".join(f"{lang}: {name}" for lang, name in sorted(models.items())) or "none"),
        ("codebook digest (SHA-256)", str(provenance.get("codebook_digest"))),
        ("input file", str(provenance.get("input_file"))),
        ("input SHA-256", str(provenance.get("input_sha256"))),
        ("command", str(provenance.get("command"))),
        ("run date", str(provenance.get("run_date") or "not recorded (set SOURCE_DATE_EPOCH to record one)")),
    ]


def _claim_rows(case: CaseView, words: dict[str, Any]) -> list[dict[str, Any]]:
    """One row per (claim of a corrective statement, link), or one row for a claim without links."""
    statements = case.statements.set_index("statement_id")
    rows = []
    claims = case.claims[case.claims["verdict"].astype(str) != ""]
    for _, claim in claims.iterrows():
        base = {
            "claim_id": claim["claim_id"],
            "claim_label": f"{claim['dimension']}: {claim['proposition']}",
            "claim_text": claim["text"],
            "polarity": claim["polarity"],
            "statement_id": claim["statement_id"],
            "verdict": claim["verdict"],
            "evidence_statement_id": "",
        }
        links = case.links[case.links["claim_id"] == claim["claim_id"]]
        links = links.assign(_by_model=is_learned(links["rule"]))
        if links.empty:
            rows.append(base)
        for _, link in links.iterrows():
            evidence = statements.loc[link["evidence_statement_id"]]
            rows.append({
                **base,
                "evidence_statement_id": link["evidence_statement_id"],
                "evidence_speaker": evidence["speaker"],
                "evidence_role": evidence["speaker_role"],
                "relation": link["relation"],
                "evidence_text": link["evidence_text"],
                "strength": link["strength"],
                "lag": format_lag(link["lag_seconds"], words) if not pd.isna(link["lag_seconds"]) else "unknown (file order)",
                "rule": link["rule"],
                "by_model": bool(link["_by_model"]),
                "score": "" if pd.isna(link.get("score", float("nan"))) else f"{float(link['score']):.2f}",
            })
    return rows


def _statement_items(case: CaseView) -> list[dict[str, Any]]:
    items = []
    for _, row in case.statements.iterrows():
        sid = row["statement_id"]
        tags = case.tags[case.tags["statement_id"] == sid].reset_index(drop=True)
        text = str(row["text"])
        items.append({
            "statement_id": sid,
            "speaker": row.get("speaker", ""),
            "speaker_role": row.get("speaker_role", ""),
            "timestamp": row.get("timestamp", ""),
            "channel": row.get("channel", ""),
            "source_url": row.get("source_url", ""),
            "deleted_at": row.get("deleted_at", ""),
            "corrective": str(row.get("corrective", "")) == "1",
            "text": text,
            "html": highlight_html(text, tags, footnote_prefix=f"{sid}-tag"),
            "labels": [(c, row[c]) for c in case.columns if c in row and str(row[c])],
            "tags": [
                {"description": tag_description(t), "span": text[int(t["start_char"]):int(t["end_char"])],
                 "start": t["start_char"], "end": t["end_char"]}
                for _, t in tags.iterrows()
            ],
        })
    return items


def _write_case_report(result: Result, case_id: str, directory: Path, provenance: dict[str, Any] | None,
                      labels: list[str]) -> Path:
    """``DIR/cases/<case>/report.html`` and ``report.md`` with their figures; returns the HTML path."""
    case = result.case(case_id)
    folder = Path(directory) / "cases" / _case_slug(case_id)
    words = wording()["en"]
    timeline = _save(figures.plot_timeline(case.statements, case.links, roles=result.codebook.roles).figure, folder / "timeline")
    corrective_ids = list(case.statements.loc[case.statements["corrective"] == 1, "statement_id"])
    profile = figures.strategy_profile(case.tags, corrective_ids, labels)
    strategies = _save(figures.plot_strategy_profile(profile).figure, folder / "strategies")
    context = {
        "case_id": case_id,
        "lang": case_language(case),
        "summary": summarize_case(case),
        "timeline_uri": data_uri(timeline["svg"], "image/svg+xml"),
        "profile_uri": data_uri(strategies["svg"], "image/svg+xml"),
        "claim_rows": _claim_rows(case, words),
        "statements": _statement_items(case),
        "provenance": _provenance_items(provenance),
        "index_href": "../../index.html",
    }
    html_path = folder / "report.html"
    write_atomic(html_path, render("case.html", **context).encode("utf-8"))
    write_atomic(folder / "report.md", render("case.md", **context).encode("utf-8"))
    return html_path


def _strategy_frequencies(result: Result, labels: list[str]) -> pd.DataFrame:
    """Share of each case's corrective statements whose ``strategies`` include each label."""
    corrective = result.statements[result.statements["corrective"] == 1]
    rows = {}
    for case_id in result.cases["case_id"]:
        own = corrective[corrective["case_id"] == case_id]
        sets = [set(filter(None, str(v).split(";"))) for v in own["strategies"]]
        rows[case_id] = [sum(label in s for s in sets) / len(sets) if sets else 0.0 for label in labels]
    return pd.DataFrame.from_dict(rows, orient="index", columns=labels)


def _write_index(result: Result, directory: Path, provenance: dict[str, Any] | None, labels: list[str]) -> Path:
    """``DIR/index.html`` and ``index.md``: one row per case, strategy heatmap, verdicts, time to contradiction."""
    directory = Path(directory)
    words = wording()["en"]
    frequencies = _strategy_frequencies(result, labels)
    used = [label for label in labels if frequencies[label].any()] or labels
    heatmap = _save(figures.plot_strategy_heatmap(frequencies[used]).figure, directory / "figures" / "strategy-heatmap")
    claims = result.claims[result.claims["first_contradiction_lag_seconds"].notna()]
    lags = [float(v) for v in claims["first_contradiction_lag_seconds"]]
    lag_figure = _save(figures.plot_time_to_contradiction(lags).figure, directory / "figures" / "time-to-contradiction")
    cases, totals = [], {k: 0 for k in ("statements", "corrective_statements", "claims", "contradicted", "supported", "disputed", "uncontested")}
    for _, row in result.cases.iterrows():
        view = result.case(row["case_id"])
        slug = _case_slug(row["case_id"])
        lag = row["lag_corrective_to_contradiction_seconds"]
        entry = {k: int(row[k] or 0) for k in totals}
        for k in totals:
            totals[k] += entry[k]
        cases.append({
            **entry,
            "case_id": row["case_id"],
            "language": case_language(view),
            "href": f"cases/{slug}/report.html",
            "md_href": f"cases/{slug}/report.md",
            "lag": format_lag(lag, words) if not pd.isna(lag) else ("—" if not row["first_contradiction_statement_id"] else "unknown (file order)"),
        })
    context = {
        "cases": cases,
        "totals": totals,
        "heatmap_uri": data_uri(heatmap["svg"], "image/svg+xml"),
        "lag_uri": data_uri(lag_figure["svg"], "image/svg+xml"),
        "lag_count": len(lags),
        "provenance": _provenance_items(provenance),
    }
    write_atomic(directory / "index.html", render("index.html", **context).encode("utf-8"))
    write_atomic(directory / "index.md", render("index.md", **context).encode("utf-8"))
    return directory / "index.html"


def write_reports(
    directory: Path, *, codebook: CodebookDirs = None, provenance: dict[str, Any] | None = None, pdf: bool = False
) -> list[Path]:
    """Every case report and the overview of an output directory.

    Args:
        directory: a ``toolkit analyze`` output directory.
        codebook: user codebook directories, as given to ``toolkit analyze`` (their dimensions are reported).
        provenance: default: ``DIR/provenance.json`` when present.
        pdf: also print each case report (and the overview) to PDF with headless Chromium.

    Returns:
        The HTML files written, overview first.
    """
    directory = Path(directory)
    if pdf:
        from .pdf import require_chromium

        require_chromium()
    result = _read_tables(directory, load_codebook(codebook))
    provenance = provenance if provenance is not None else read_provenance(directory)
    if provenance and provenance.get("codebook_digest") not in (None, result.codebook.digest):
        warn(Warnings.W090.format(path=directory))
    labels = _strategy_labels(result)
    written = [_write_index(result, directory, provenance, labels)]
    written += [_write_case_report(result, case_id, directory, provenance, labels) for case_id in result.cases["case_id"]]
    if pdf:
        from .pdf import print_pdf

        for html in written:
            print_pdf(html, html.with_suffix(".pdf"))
    return written
