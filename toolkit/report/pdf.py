"""Print a report to PDF with headless Chromium (``--print-to-pdf``); off unless ``--pdf`` is given.

Chromium is looked up as ``chromium``, ``chromium-browser``, ``google-chrome``
on ``PATH`` (override with ``TOOLKIT_CHROMIUM``). It runs with a fresh
profile, no network features and no sandbox (so it also runs as root in CI).
The PDF carries Chromium's own creation date, so unlike the HTML and
Markdown it is not byte-identical across runs.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from ..errors import Errors, ReportError
from ..io.tables import write_atomic

CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
HEADLESS_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)
"""Headless Chromium on a closed network: no background requests, no updates (shared with the browser tests)."""
FLAGS = (*HEADLESS_FLAGS, "--no-pdf-header-footer")
TIMEOUT_SECONDS = 120


def find_chromium() -> str | None:
    """Path of a Chromium/Chrome executable, or None."""
    override = os.environ.get("TOOLKIT_CHROMIUM")
    if override:
        return shutil.which(override) or (override if Path(override).is_file() else None)
    for name in CANDIDATES:
        found = shutil.which(name)
        if found:
            return found
    return None


def require_chromium() -> str:
    """The Chromium executable; checked before any work that ends in printing.

    Raises:
        ReportError: no Chromium found.
    """
    browser = find_chromium()
    if browser is None:
        raise ReportError(Errors.E051)
    return browser


def print_pdf(html: Path, pdf: Path) -> Path:
    """Print ``html`` to ``pdf`` (written atomically).

    Raises:
        ReportError: no Chromium found, or Chromium failed.
    """
    browser = require_chromium()
    with tempfile.TemporaryDirectory(prefix="toolkit-chromium-") as profile:
        target = Path(profile) / "out.pdf"
        command = [browser, *FLAGS, f"--user-data-dir={profile}", f"--print-to-pdf={target}", Path(html).resolve().as_uri()]
        try:
            done = subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT_SECONDS, check=False)
        except subprocess.TimeoutExpired:
            raise ReportError(Errors.E052.format(path=html, detail=f"timed out after {TIMEOUT_SECONDS} s")) from None
        if not target.is_file() or target.stat().st_size == 0:
            detail = (done.stderr or "").strip().splitlines()[-1:] or [f"exit code {done.returncode}"]
            raise ReportError(Errors.E052.format(path=html, detail=detail[0]))
        write_atomic(Path(pdf), target.read_bytes())
    return Path(pdf)
