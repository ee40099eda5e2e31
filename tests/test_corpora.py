"""Reading and concatenating the hand-coded corpora (toolkit.corpora)."""

from __future__ import annotations

import pandas as pd

from tests.conftest import CORPORA
from toolkit.corpora import corpus_dirs, read_corpora


def test_corpora_concatenate_with_case_ids(tmp_path):
    corpus = read_corpora(CORPORA)
    dirs = corpus_dirs(CORPORA)
    assert len(dirs) >= 8 and corpus.cases == [d.name for d in dirs]
    assert not corpus.gold.duplicated(["case_id", "statement_id"]).any()
    assert set(corpus.links["case_id"]) <= set(corpus.cases)
    paths = corpus.write(tmp_path)
    gold = pd.read_csv(paths["gold"], dtype=str, keep_default_na=False)
    assert len(gold) == len(corpus.statements) and list(gold.columns[:2]) == ["case_id", "statement_id"]
