"""The notebooks in notebooks/ run top to bottom and their assertion cells pass (executed with nbclient)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import ROOT

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")

NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))


def test_notebooks_all_four_present():
    names = [p.stem for p in NOTEBOOKS]
    assert names == ["01-mali-case-study", "02-comparing-cases", "03-your-own-codebook", "04-validation"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebooks_outputs_stripped_in_repo(path: Path):
    book = nbformat.read(path, as_version=4)
    for cell in book.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None, f"{path.name}: outputs not stripped"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebooks_run_top_to_bottom(path: Path, tmp_path):
    book = nbformat.read(path, as_version=4)
    client = nbclient.NotebookClient(book, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}})
    client.execute()
    errors = [o for c in book.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]
    assert not errors
    html = [o for c in book.cells if c.cell_type == "code" for o in c.outputs if "text/html" in o.get("data", {})]
    assert html, "no rich (HTML) output"
