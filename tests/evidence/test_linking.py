"""Claims against later evidence: the Mali case end to end, and constructed cases in both languages."""

from __future__ import annotations

import pandas as pd
import pytest

import toolkit
from tests.conftest import MALI


@pytest.fixture(scope="module")
def mali():
    return toolkit.analyze(MALI / "statements.csv")


def test_linking_mali_hack_claim_contradicted(mali):
    hack = mali.claims[(mali.claims.statement_id == "s3") & (mali.claims.proposition == "external_attack")]
    assert len(hack) == 1
    claim = hack.iloc[0]
    assert claim.verdict == "contradicted" and claim.polarity == "asserted"
    assert claim.first_contradiction_statement_id == "s4" and claim.first_contradiction_lag_seconds == 86400
    links = mali.links[mali.links.claim_id == claim.claim_id].set_index("evidence_statement_id")
    assert set(links.index) == {"s4", "s5", "s6"}
    assert set(links.relation) == {"contradicts"}
    assert links.at["s5", "strength"] == links.at["s6", "strength"] == "first-hand"
    assert links.at["s4", "strength"] == "commentator"
    assert set(links.lag_seconds) == {86400}
    assert links.at["s5", "evidence_text"].lower() == "ni pirates"
    assert links.at["s5", "rule"] == "same_proposition_negated"


@pytest.mark.parametrize("proposition", ["platform_notified", "investigation"])
def test_linking_mali_remediation_claims_uncontested(mali, proposition):
    claim = mali.claims[(mali.claims.statement_id == "s3") & (mali.claims.proposition == proposition)]
    assert list(claim.verdict) == ["uncontested"]
    assert list(claim.polarity) == ["asserted"]


def test_linking_mali_equals_human_coded_links(mali):
    gold = pd.read_csv(MALI / "links.csv", dtype=str)
    got = mali.links[["claim_statement_id", "evidence_statement_id", "relation"]].drop_duplicates()
    as_set = lambda frame: set(map(tuple, frame.to_numpy()))  # noqa: E731
    assert as_set(got) == as_set(gold)


def test_linking_mali_case_metrics(mali):
    case = mali.case("mali-2020")
    assert case.metrics.incident_statement_id == "s1"
    assert case.metrics.first_corrective_statement_id == "s3"
    assert case.metrics.lag_corrective_to_contradiction_seconds == 86400
    assert case.metrics.deleted_statements == "s1@2020-01-06"
    assert case.metrics.contradicted == 1 and case.metrics.uncontested == 2
    assert len(case.statements) == 6 and set(case.links.claim_statement_id) == {"s3"}
    with pytest.raises(KeyError, match="no case"):
        mali.case("nowhere")


def frame(rows):
    columns = ["statement_id", "timestamp", "speaker", "speaker_role", "language", "text"]
    return pd.DataFrame(rows, columns=columns).assign(case_id="constructed")


def links_of(result):
    return {(r.claim_statement_id, r.evidence_statement_id, r.relation): r for r in result.links.itertuples()}


CONFIRMED = {
    "en": [
        ("c1", "2021-03-01T10:00:00Z", "Acme", "official", "en", "Our account was hacked by criminals last night."),
        ("c2", "2021-03-02T10:00:00Z", "City police", "authority", "en", "Police confirmed the account was hacked by a criminal group."),
    ],
    "fr": [
        ("c1", "2021-03-01T10:00:00Z", "Mairie", "official", "fr", "Notre compte a été piraté par des individus malveillants."),
        ("c2", "2021-03-02T10:00:00Z", "Parquet", "authority", "fr", "Le parquet confirme que le compte a bien été piraté par un groupe criminel."),
    ],
}


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_linking_hack_confirmed_by_authority_supports(lang):
    result = toolkit.analyze(frame(CONFIRMED[lang]))
    link = links_of(result)[("c1", "c2", "supports")]
    assert link.strength == "first-hand" and link.lag_seconds == 86400
    assert link.rule == "same_proposition_other_speaker"
    claim = result.claims[(result.claims.statement_id == "c1") & (result.claims.proposition == "external_attack")]
    assert list(claim.verdict) == ["supported"]


RETRACTED = {
    "en": [
        ("c1", "2021-05-01T09:00:00Z", "Senator Doe", "official", "en", "The post was sent by mistake by an intern."),
        ("c2", "2021-05-03T09:00:00Z", "Senator Doe", "official", "en", "It was not an intern. I posted it myself and I take full responsibility."),
    ],
    "fr": [
        ("c1", "2021-05-01T09:00:00Z", "Député Dupont", "official", "fr", "Le message a été publié par erreur par un stagiaire isolé."),
        ("c2", "2021-05-03T09:00:00Z", "Député Dupont", "official", "fr", "J'ai publié ce message moi-même et j'assume l'entière responsabilité."),
    ],
}


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_linking_excuse_retracted_by_claimant_contradicts(lang):
    result = toolkit.analyze(frame(RETRACTED[lang]))
    link = links_of(result)[("c1", "c2", "contradicts")]
    assert link.strength == "first-hand"
    assert link.rule in {"self_retraction", "same_proposition_negated"}
    assert ("c1", "c2", "supports") not in links_of(result)


UNRELATED_AND_EARLIER = {
    "en": [
        ("e0", "2021-01-01T08:00:00Z", "A reporter", "journalist", "en", "There were no hackers, only a staff error."),
        ("c1", "2021-01-02T08:00:00Z", "Acme", "official", "en", "Our account was compromised by hackers."),
        ("u1", "2021-01-03T08:00:00Z", "Acme", "official", "en", "Our new store opens in Leeds next week."),
    ],
    "fr": [
        ("e0", "2021-01-01T08:00:00Z", "Un journaliste", "journalist", "fr", "Il n'y a eu ni pirates, ni hackers, juste une erreur humaine."),
        ("c1", "2021-01-02T08:00:00Z", "Mairie", "official", "fr", "Notre compte a été piraté par des individus mal intentionnés."),
        ("u1", "2021-01-03T08:00:00Z", "Mairie", "official", "fr", "Le marché de Noël ouvre la semaine prochaine."),
    ],
}


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_linking_no_link_to_earlier_or_unrelated_statements(lang):
    result = toolkit.analyze(frame(UNRELATED_AND_EARLIER[lang]))
    assert result.links.empty, result.links
    claim = result.claims[(result.claims.statement_id == "c1") & (result.claims.proposition == "external_attack")]
    assert list(claim.verdict) == ["uncontested"]


QUOTED = {
    "en": [
        ("c1", "2021-02-01T08:00:00Z", "Acme", "official", "en", "Our account was hacked by criminals."),
        ("j1", "2021-02-02T08:00:00Z", "Daily Paper", "journalist", "en", "The account was not hacked, a former intern said."),
    ],
    "fr": [
        ("c1", "2021-02-01T08:00:00Z", "Mairie", "official", "fr", "Notre compte a été piraté par des criminels."),
        ("j1", "2021-02-02T08:00:00Z", "Le Quotidien", "journalist", "fr", "Le compte n'a pas été piraté, affirme un ancien stagiaire."),
    ],
}


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_linking_journalist_quoting_is_attributed_to_the_quoted_party(lang):
    result = toolkit.analyze(frame(QUOTED[lang]))
    quoted = result.claims[(result.claims.statement_id == "j1") & (result.claims.proposition == "external_attack")]
    assert len(quoted) == 1
    assert quoted.iloc[0].source == "reported" and quoted.iloc[0].polarity == "negated"
    assert "stagiaire" in quoted.iloc[0].speaker or "intern" in quoted.iloc[0].speaker
    link = links_of(result)[("c1", "j1", "contradicts")]
    assert link.strength == "journalist"


def test_linking_without_timestamps_uses_file_order():
    rows = [(sid, "", who, role, lang, text) for sid, _, who, role, lang, text in CONFIRMED["en"]]
    result = toolkit.analyze(frame(rows).drop(columns="timestamp"))
    assert list(result.cases.order_basis) == ["file_order"]
    link = links_of(result)[("c1", "c2", "supports")]
    assert pd.isna(link.lag_seconds)


def test_linking_equal_timestamps_do_not_link():
    rows = [(sid, "2021-03-01T10:00:00Z", who, role, lang, text) for sid, _, who, role, lang, text in CONFIRMED["en"]]
    assert toolkit.analyze(frame(rows)).links.empty


def test_linking_never_crosses_cases():
    rows = frame(CONFIRMED["en"])
    rows.loc[1, "case_id"] = "other"
    assert toolkit.analyze(rows).links.empty


def test_linking_incident_is_spoken_by_the_codebooks_corrective_roles(mali):
    import dataclasses

    from toolkit.evidence import link_claims

    book = mali.codebook
    statements = mali.statements.assign(speaker_role=mali.statements["speaker_role"].replace({"official": "insider"}))
    _, _, as_official = link_claims(statements, mali.claims, book)
    _, _, as_insider = link_claims(statements, mali.claims, dataclasses.replace(book, corrective_roles=["insider"]))
    assert as_official.at[0, "incident_statement_id"] == ""  # no official speaks any more
    assert as_insider.at[0, "incident_statement_id"] == mali.cases.at[0, "incident_statement_id"] != ""
