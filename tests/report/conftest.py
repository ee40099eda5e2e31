"""The Mali corpus analysed once, its output directory with reports written (module-shared)."""

from __future__ import annotations

import pytest

from tests.conftest import MALI


@pytest.fixture(scope="session")
def mali_dir(tmp_path_factory):
    from typer.testing import CliRunner

    from toolkit.cli import app

    directory = tmp_path_factory.mktemp("mali-report") / "out"
    result = CliRunner().invoke(app, ["analyze", str(MALI / "statements.csv"), "--out", str(directory), "--report", "--quiet"])
    assert result.exit_code == 0, result.output
    return directory


@pytest.fixture(scope="session")
def mali_tables(mali_dir):
    import toolkit

    return toolkit.read_result(mali_dir)
