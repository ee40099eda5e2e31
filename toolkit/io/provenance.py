"""Provenance of a run: toolkit, spaCy and model versions, codebook digest, input hash, command.

``toolkit analyze`` writes it to ``DIR/provenance.json`` so that ``toolkit
report DIR`` can print it again later. Nothing in it changes from one run of
the same input to the next: the run date is recorded only when given
explicitly or through ``SOURCE_DATE_EPOCH`` (reproducible-builds.org).
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
import shlex
from collections.abc import Iterable
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import spacy

from .._version import __version__
from ..codebook import load_codebook
from ..nlp import model_name
from .tables import write_atomic

FILENAME = "provenance.json"


def _file_sha256(path: str | Path) -> str:
    """Hex SHA-256 of a file's bytes."""
    sha = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            sha.update(block)
    return sha.hexdigest()


def _run_date_from_env() -> str | None:
    """``SOURCE_DATE_EPOCH`` as an ISO 8601 UTC time, or None when unset."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not epoch:
        return None
    return datetime.fromtimestamp(int(epoch), tz=timezone.utc).isoformat().replace("+00:00", "Z")


def _model_versions(languages: Iterable[str], codebook: tuple[str, ...] = ()) -> dict[str, str]:
    """``{lang: "model_name version"}`` for the models that analysed these languages."""
    versions = {}
    for lang in sorted(set(languages)):
        name = model_name(lang, codebook)
        version = "unknown"
        spec = importlib.util.find_spec(name)
        if spec and spec.submodule_search_locations:
            meta = Path(list(spec.submodule_search_locations)[0]) / "meta.json"
            if meta.is_file():
                version = json.loads(meta.read_text(encoding="utf-8")).get("version", "unknown")
        versions[lang] = f"{name} {version}"
    return versions


def analyze_command(
    path: Path, directory: Path, codebook: Iterable[Path] | None, report: bool, pdf: bool,
    rules_only: bool = False, model: Path | None = None,
) -> str:
    """The ``toolkit analyze`` command line that reproduces a run (as typed, paths unchanged)."""
    args = ["toolkit", "analyze", str(path), "--out", str(directory)]
    for entry in codebook or ():
        args += ["--codebook", str(entry)]
    args += ["--rules-only"] * rules_only + (["--model", str(model)] if model is not None else [])
    args += ["--report"] * report + ["--pdf"] * pdf
    return shlex.join(args)


def _collect_provenance(
    input_path: str | Path | None,
    codebook_digest: str,
    languages: Iterable[str],
    command: str,
    *,
    codebook: tuple[str, ...] = (),
    run_date: str | None = None,
    learned_model: str | None = None,
) -> dict[str, Any]:
    """Everything a reader needs to reproduce a report.

    Args:
        input_path: the statements file (None for a DataFrame: no input hash).
        codebook_digest: ``result.codebook.digest`` (hash of every codebook file in force).
        languages: the languages analysed (their models are recorded).
        command: the command line that produced the outputs.
        codebook: user codebook directories, to find the same models.
        run_date: recorded as given; default ``SOURCE_DATE_EPOCH``, else none (byte-identical outputs).
        learned_model: version of the learned model that decided the labels (None: the rules alone).
    """
    return {
        "toolkit_version": __version__,
        "spacy_version": spacy.__version__,
        "models": _model_versions(languages, codebook),
        "codebook_digest": codebook_digest,
        "input_file": Path(input_path).name if input_path is not None else None,
        "input_sha256": _file_sha256(input_path) if input_path is not None else None,
        "command": command,
        "learned_model": learned_model,
        "run_date": run_date if run_date is not None else _run_date_from_env(),
    }


def _write_provenance(directory: Path, provenance: dict[str, Any]) -> None:
    """``DIR/provenance.json``, sorted keys, atomically."""
    text = json.dumps(provenance, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    write_atomic(Path(directory) / FILENAME, text.encode("utf-8"))


def read_provenance(directory: Path) -> dict[str, Any] | None:
    """The provenance an earlier ``toolkit analyze`` wrote, or None."""
    path = Path(directory) / FILENAME
    if not path.is_file():
        return None
    return json.loads(path.read_text(encoding="utf-8"))


def write_run_provenance(
    path: Path,
    directory: Path,
    codebook: Iterable[Path] | None,
    command: str,
    languages: Iterable[str],
    run_date: str | None = None,
    learned_model: str | None = None,
) -> dict[str, Any]:
    """After ``toolkit analyze``: write the run's provenance (``languages``: those the run analysed;
    ``learned_model``: the learned model directory that decided the labels, or None)."""
    from ..nlp.learned.model import load_model

    book = load_codebook(list(codebook) if codebook else None)
    provenance = _collect_provenance(
        path, book.digest, set(languages), command, codebook=book.paths, run_date=run_date,
        learned_model=load_model(learned_model).version if learned_model else None,
    )
    _write_provenance(directory, provenance)
    return provenance
