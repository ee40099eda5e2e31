"""Adjudication (toolkit.validation.adjudication): disagreements found, settled by reasons, gold derived from both codings."""

from __future__ import annotations

import shutil

import pandas as pd
import pytest

from tests.conftest import MALI
from toolkit.validation.adjudication import adjudicate, write_adjudication
from toolkit.errors import InputError


def _case(tmp_path, edit_b):
    case = tmp_path / "mali-2020"
    shutil.copytree(MALI, case)
    shutil.copy(MALI / "gold.csv", case / "coder_a.csv")
    shutil.copy(MALI / "links.csv", case / "links_a.csv")
    coder_b = pd.read_csv(case / "coder_a.csv", dtype=str, keep_default_na=False)
    links_b = pd.read_csv(case / "links_a.csv", dtype=str, keep_default_na=False)
    coder_b, links_b = edit_b(coder_b, links_b)
    coder_b.to_csv(case / "coder_b.csv", index=False)
    links_b.to_csv(case / "links_b.csv", index=False)
    for name in ("gold.csv", "links.csv"):
        (case / name).unlink()
    return case


def _disagree(coder_b, links_b):
    coder_b.loc[coder_b["statement_id"] == "s3", "audience"] = "national_public"
    coder_b.loc[coder_b["statement_id"] == "s4", "corrective"] = "1"
    links_b = pd.concat([links_b[links_b["evidence_statement_id"] != "s6"],
                         pd.DataFrame([["s3", "s4", "supports"]], columns=links_b.columns)])
    return coder_b, links_b


def test_adjudication_lists_every_disagreement_and_writes_no_gold_while_open(tmp_path):
    case = _case(tmp_path, _disagree)
    adjudicated = adjudicate(case)
    found = adjudicated.disagreements.set_index(["item", "id", "dimension"])
    assert set(found.index) == {
        ("statement", "s3", "audience"), ("statement", "s4", "corrective"),
        ("link", "s3>s4:supports", ""), ("link", "s3>s6:contradicts", ""),
    }
    assert found.loc[("statement", "s3", "audience"), "coder_a"] == "international_community;national_public"
    assert found.loc[("link", "s3>s6:contradicts", ""), ["coder_a", "coder_b"]].tolist() == ["1", "0"]
    assert adjudicated.gold is None and len(adjudicated.open) == 4
    write_adjudication(case, adjudicated)
    assert (case / "adjudication.csv").is_file() and not (case / "gold.csv").exists()


def test_adjudication_settled_gives_gold_from_agreements_and_decisions(tmp_path):
    case = _case(tmp_path, _disagree)
    write_adjudication(case, adjudicate(case))
    decisions = pd.read_csv(case / "adjudication.csv", dtype=str, keep_default_na=False)
    gold_values = {"s3": "international_community;national_public", "s4": "0",
                   "s3>s4:supports": "0", "s3>s6:contradicts": "1"}
    decisions["gold"] = decisions["id"].map(gold_values)
    decisions["reason"] = "per CODING.md"
    decisions.to_csv(case / "adjudication.csv", index=False)
    write_adjudication(case, adjudicate(case))
    assert (case / "gold.csv").read_bytes() == (MALI / "gold.csv").read_bytes()
    assert (case / "links.csv").read_bytes() == (MALI / "links.csv").read_bytes()


def test_adjudication_no_label_and_bad_label(tmp_path):
    def drop_blame(coder_b, links_b):
        coder_b.loc[coder_b["statement_id"] == "s3", "blame_shift"] = ""
        return coder_b, links_b

    case = _case(tmp_path, drop_blame)
    write_adjudication(case, adjudicate(case))
    decisions = pd.read_csv(case / "adjudication.csv", dtype=str, keep_default_na=False)
    decisions["gold"], decisions["reason"] = "(none)", "no attacker named"
    decisions.to_csv(case / "adjudication.csv", index=False)
    gold = adjudicate(case).gold.set_index("statement_id")
    assert gold.at["s3", "blame_shift"] == ""
    decisions["gold"] = "hackers"
    decisions.to_csv(case / "adjudication.csv", index=False)
    with pytest.raises(InputError, match="'hackers' is not in the codebook for 'blame_shift'"):
        adjudicate(case)
