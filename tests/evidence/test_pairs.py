"""The learned pair model on cases written for the purpose: links no links.yaml rule finds, and near misses.

Each case has a corrective claim, an unrelated later statement and the
evidence. A model-found link names the model (``model:toolkit_pairs@…``),
carries a probability in (0, 1] and both spans; the same statements under
``--rules-only`` are not linked at all. The model reads roles, cues, claims
and position far better than meaning: two wordings it gets wrong are kept
as strict expected failures, so a better model shows up here.
"""

from __future__ import annotations

import socket
import warnings

import numpy as np
import pandas as pd
import pytest

import toolkit
from toolkit.codebook import load_codebook
from toolkit.evidence.pairs import features_of
from toolkit.nlp.learned.model import bundled_model
from toolkit.nlp.learned.pair_model import PairModel

DAYS = ["2021-03-01T10:00:00Z", "2021-03-02T10:00:00Z", "2021-03-05T10:00:00Z"]
UNRELATED = {
    "en": ("Daily Paper", "journalist", "The city council meets on Thursday."),
    "fr": ("Le Quotidien", "journalist", "Le conseil municipal se réunit jeudi."),
}
CASES = {
    "court_finding_contradicts_denial-en": (
        ("Senator Smith", "official", "These accusations are completely false."),
        ("Federal Court", "authority",
         "The court found that Senator Smith received the payments and sentenced him to two years in prison."),
        "contradicts",
    ),
    "insider_posted_it_contradicts_hack-fr": (
        ("Mairie", "official", "Notre compte a été piraté cette nuit par des individus malveillants."),
        ("Ancien chargé de communication", "insider",
         "Ce message, je l'ai tapé moi-même depuis mon téléphone à 2 heures du matin."),
        "contradicts",
    ),
    "authority_confirms_dismissal_supports-en": (
        ("Acme", "official", "The employee responsible has been dismissed."),
        ("Labour inspectorate", "authority", "The inspectorate confirmed that the employee left the company on Monday."),
        "supports",
    ),
    "authority_confirms_dismissal_supports-fr": (
        ("La société", "official", "Le salarié responsable a été licencié."),
        ("Inspection du travail", "authority", "L'inspection du travail confirme que le salarié a quitté l'entreprise lundi."),
        "supports",
    ),
}
MISREAD = {
    "court_finding_contradicts_denial-fr": (
        ("Le maire", "official", "Ces accusations sont totalement fausses."),
        ("Tribunal correctionnel", "authority", "En réalité, le maire a encaissé les versements, a jugé le tribunal."),
        "contradicts",
    ),
    "investigation_never_opened_contradicts-fr": (
        ("Le ministère", "official", "Une enquête interne a été ouverte sur cet incident."),
        ("Le Quotidien", "journalist", "En réalité, aucun inspecteur n'a jamais examiné l'incident, selon nos informations."),
        "contradicts",
    ),
}


def frame(rows: list[tuple]) -> pd.DataFrame:
    columns = ["statement_id", "timestamp", "speaker", "speaker_role", "language", "text"]
    return pd.DataFrame(rows, columns=columns).assign(case_id="constructed")


def case_rows(name: str, spec) -> list[tuple]:
    lang = name.rsplit("-", 1)[1]
    claim, evidence, _ = spec
    return [("c1", DAYS[0], *claim[:2], lang, claim[2]), ("n1", DAYS[1], *UNRELATED[lang][:2], lang, UNRELATED[lang][2]),
            ("e1", DAYS[2], *evidence[:2], lang, evidence[2])]


def analyze(rows, **options):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return toolkit.analyze(frame(rows), **options)


def _model_link(name: str, spec):
    result = analyze(case_rows(name, spec))
    links = result.links[result.links["evidence_statement_id"] == "e1"]
    return result, links


@pytest.mark.parametrize("name", sorted(CASES))
def test_pairs_model_finds_what_no_rule_finds(name):
    spec = CASES[name]
    result, links = _model_link(name, spec)
    assert len(links) == 1, links
    link = links.iloc[0]
    assert link.relation == spec[2]
    assert link.rule.startswith("model:toolkit_pairs@")
    assert 0 < link.score <= 1
    claim = result.claims.set_index("claim_id").loc[link.claim_id]
    assert link.claim_span == f"{claim.start_char}:{claim.end_char}" and link.claim_text == claim.text
    start, end = (int(v) for v in link.evidence_span.split(":"))
    evidence_text = result.statements.set_index("statement_id").at["e1", "text"]
    assert link.evidence_text == evidence_text[start:end] and link.evidence_text.strip()
    assert link.strength == ("journalist" if spec[1][1] == "journalist" else "first-hand")
    assert not (result.links["evidence_statement_id"] == "n1").any(), "an unrelated later statement is not evidence"
    verdict = result.claims.set_index("claim_id").at[link.claim_id, "verdict"]
    assert verdict == {"contradicts": "contradicted", "supports": "supported"}[spec[2]]
    assert analyze(case_rows(name, spec), rules_only=True).links.empty


@pytest.mark.parametrize("name", sorted(MISREAD))
@pytest.mark.xfail(strict=True, reason="the pair model reads a negated or reported finding as support (link F1 0.38 out of fold)")
def test_pairs_model_misreads_these_findings(name):
    _, links = _model_link(name, MISREAD[name])
    assert list(links.relation) == [MISREAD[name][2]]


def test_pairs_no_link_to_an_earlier_statement():
    name = "authority_confirms_dismissal_supports-en"
    claim, evidence, _ = CASES[name]
    rows = [("e0", DAYS[0], *evidence[:2], "en", evidence[2]), ("c1", DAYS[1], *claim[:2], "en", claim[2])]
    assert analyze(rows).links.empty


def test_pairs_own_camp_repeating_the_claim_is_no_support():
    rows = [
        ("c1", DAYS[0], "Acme", "official", "en", "The employee responsible has been dismissed."),
        ("c2", DAYS[1], "Acme spokesperson", "official", "en", "Acme confirmed that the employee left the company on Monday."),
    ]
    result = analyze(rows)
    assert not (result.links["relation"] == "supports").any(), result.links


def test_pairs_rule_links_carry_the_models_probability_and_rules_only_none():
    from tests.conftest import MALI

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        on, off = toolkit.analyze(MALI / "statements.csv"), toolkit.analyze(MALI / "statements.csv", rules_only=True)
    assert not on.links["rule"].str.startswith("model:").any()
    assert on.links["score"].between(0, 1).all()
    assert off.links["score"].isna().all()
    columns = ["claim_id", "evidence_statement_id", "relation", "rule", "evidence_span"]
    assert on.links[columns].equals(off.links[columns])


def test_pairs_shipped_model_loads_offline_and_matches_the_codebook(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("network access")

    monkeypatch.setattr(socket, "create_connection", refuse)
    model = PairModel.load(bundled_model())
    assert model.features == features_of(load_codebook())
    assert model.relations == ["contradicts", "supports"]
    assert np.all((model.threshold > 0) & (model.threshold < 1))
    assert model.card["splits"] == ["train"] and set(model.card["cv"]) == {"rules", "rules+model"}


def test_pairs_model_fitted_for_other_features_is_refused():
    from toolkit.errors import CodebookError
    from toolkit.evidence.linking import link_claims

    model = PairModel.load(bundled_model())
    model.features = model.features[:-1] + ["a_feature_this_codebook_lacks"]
    result = analyze(case_rows(*next(iter(CASES.items()))), rules_only=True)
    with pytest.raises(CodebookError, match=r"\[E110\] .*fitted for another codebook"):
        link_claims(result.statements, result.claims, result.codebook, model)


def test_pairs_case_report_marks_model_found_links(tmp_path):
    """The HTML and Markdown case reports say which links the pair model found, with escaped text."""
    from toolkit.report import write_reports

    name = "authority_confirms_dismissal_supports-en"
    rows = case_rows(name, CASES[name])
    rows[2] = (*rows[2][:5], rows[2][5] + " <b>Records</b> & files agree.")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        toolkit.analyze_to_dir(frame(rows), tmp_path / "out")
        written = write_reports(tmp_path / "out")
    html = next(p for p in written if p.name != "index.html").read_text(encoding="utf-8")
    assert "found by the pair model" in html and "model:toolkit_pairs@" in html
    assert "<b>Records</b>" not in html
    markdown = next(p for p in (tmp_path / "out").rglob("*.md") if p.name != "index.md").read_text(encoding="utf-8")
    assert "(found by the pair model, p = " in markdown
