"""Reading and concatenating the hand-coded corpora (toolkit.validation.corpora)."""

from __future__ import annotations

import re
import shutil

import pandas as pd
import pytest

from tests.conftest import CORPORA
from toolkit.validation.corpora import corpus_dirs, read_corpora
from toolkit.errors import InputError


def test_corpora_concatenate_with_case_ids(tmp_path):
    corpus = read_corpora(CORPORA)
    dirs = corpus_dirs(CORPORA)
    assert len(dirs) >= 8 and corpus.cases == [d.name for d in dirs]
    assert not corpus.gold.duplicated(["case_id", "statement_id"]).any()
    assert set(corpus.links["case_id"]) <= set(corpus.cases)
    paths = corpus.write(tmp_path)
    gold = pd.read_csv(paths["gold"], dtype=str, keep_default_na=False)
    assert len(gold) == len(corpus.statements) and list(gold.columns[:2]) == ["case_id", "statement_id"]


def _splits_corpora(tmp_path, rows: str):
    root = tmp_path / "corpora"
    for case in ("mali-2020", "weiner-2011", "equifax-2017"):
        shutil.copytree(CORPORA / case, root / case)
    (root / "splits.csv").write_text("case_id,split\n" + rows, encoding="utf-8")
    return root


def test_corpora_read_by_split_and_coder(tmp_path):
    root = _splits_corpora(tmp_path, "mali-2020,train\nweiner-2011,train\nequifax-2017,test\n")
    assert read_corpora(root, split="test").cases == ["equifax-2017"]
    assert read_corpora(root, split=["train", "test"]).cases == ["equifax-2017", "mali-2020", "weiner-2011"]
    a = read_corpora(root, split="train", coding="coder_a")
    assert len(a.gold) == len(a.statements) and set(a.links["case_id"]) <= {"mali-2020", "weiner-2011"}


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        ("mali-2020,validation\n", "row 1, column 'split': unknown split 'validation'"),
        ("mali-2020,train\nmali-2020,test\n", "row 2, column 'case_id': case 'mali-2020' is assigned to a split twice"),
        ("mali-2020,train\n", "no case is assigned to split 'test'"),
        ("nosuch-2020,test\n", "case 'nosuch-2020' has no corpus directory"),
    ],
)
def test_corpora_bad_splits_are_refused(tmp_path, rows, message):
    root = _splits_corpora(tmp_path, rows)
    with pytest.raises(InputError, match=re.escape(message)):
        read_corpora(root, split="test")
