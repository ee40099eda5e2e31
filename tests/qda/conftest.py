"""An analyze output of the Mali case and of statements with accents, emoji and CRLF, made once per session."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pandas as pd
import pytest
import xmlschema

from tests.conftest import MALI, ROOT
from toolkit import analyze
from toolkit.io.tables import write_result

REFI = ROOT / "tests" / "data" / "refi-qda"

TRICKY = pd.DataFrame({
    "case_id": ["tricky"] * 3,
    "statement_id": ["t1", "t2", "t3"],
    "timestamp": ["2021-03-01T10:00:00+00:00", "2021-03-01T12:00:00+00:00", "2021-03-02T09:00:00+00:00"],
    "speaker": ["Ministère de l'Économie", "Agence Télé 🇫🇷", "Ministère de l'Économie"],
    "speaker_role": ["official", "journalist", "official"],
    "language": ["fr", "fr", "fr"],
    "channel": ["twitter", "web", "twitter"],
    "text": [
        "🙏 Chers abonnés,\r\nnotre compte a été piraté par des individus malveillants 😡.\r\n"
        "Twitter en a été informé et une enquête est en cours.",
        "Selon nos informations, le compte n'a pas été piraté : c'est une erreur de manipulation 🤦.",
        "Nous présentons nos excuses à nos abonnés 💔. Ni pirates, ni hackers : une erreur de manipulation.",
    ],
})


@pytest.fixture(scope="session")
def mali_out(tmp_path_factory) -> Path:
    directory = tmp_path_factory.mktemp("mali-out")
    write_result(analyze(MALI / "statements.csv"), directory)
    return directory


@pytest.fixture(scope="session")
def tricky_out(tmp_path_factory) -> Path:
    directory = tmp_path_factory.mktemp("tricky-out")
    write_result(analyze(TRICKY), directory)
    return directory


@pytest.fixture(scope="session")
def project_schema() -> xmlschema.XMLSchema:
    return xmlschema.XMLSchema(REFI / "Project.xsd")


@pytest.fixture(scope="session")
def codebook_schema() -> xmlschema.XMLSchema:
    return xmlschema.XMLSchema(REFI / "Codebook.xsd")


def qde(path: Path) -> str:
    """The ``project.qde`` of a ``.qdpx``."""
    with zipfile.ZipFile(path) as archive:
        return archive.read("project.qde").decode("utf-8")
