"""Claims against later evidence: the Mali case end to end (pair model on), and the rule layer on constructed cases
in both languages (the learned coder without the pair model: these cases test the links.yaml rules; the pair
model's own cases are in test_pairs.py)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

import toolkit
from tests.conftest import MALI
from toolkit.nlp.learned.model import bundled_model

_CODER: dict[str, Path] = {}


@pytest.fixture(autouse=True, scope="module")
def _coder_only(tmp_path_factory):
    """The bundled learned coder without its pair model."""
    directory = tmp_path_factory.mktemp("coder")
    for name in ("weights.npz", "card.json"):
        shutil.copyfile(Path(bundled_model()) / name, directory / name)
    _CODER["dir"] = directory


def analyze_rules(source):
    """Statements analysed with the learned coder, linked by the rules alone."""
    return toolkit.analyze(source, model=_CODER["dir"])


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
    result = analyze_rules(frame(CONFIRMED[lang]))
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
    result = analyze_rules(frame(RETRACTED[lang]))
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
    result = analyze_rules(frame(UNRELATED_AND_EARLIER[lang]))
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
    result = analyze_rules(frame(QUOTED[lang]))
    quoted = result.claims[(result.claims.statement_id == "j1") & (result.claims.proposition == "external_attack")]
    assert len(quoted) == 1
    assert quoted.iloc[0].source == "reported" and quoted.iloc[0].polarity == "negated"
    assert "stagiaire" in quoted.iloc[0].speaker or "intern" in quoted.iloc[0].speaker
    link = links_of(result)[("c1", "j1", "contradicts")]
    assert link.strength == "journalist"


def test_linking_without_timestamps_uses_file_order():
    rows = [(sid, "", who, role, lang, text) for sid, _, who, role, lang, text in CONFIRMED["en"]]
    result = analyze_rules(frame(rows).drop(columns="timestamp"))
    assert list(result.cases.order_basis) == ["file_order"]
    link = links_of(result)[("c1", "c2", "supports")]
    assert pd.isna(link.lag_seconds)


def test_linking_equal_timestamps_do_not_link():
    rows = [(sid, "2021-03-01T10:00:00Z", who, role, lang, text) for sid, _, who, role, lang, text in CONFIRMED["en"]]
    assert analyze_rules(frame(rows)).links.empty


def test_linking_never_crosses_cases():
    rows = frame(CONFIRMED["en"])
    rows.loc[1, "case_id"] = "other"
    assert analyze_rules(rows).links.empty


# Evidence from every speaker role (issue 12): cases written for the purpose, in both languages.
# Each: rows (statement_id, timestamp, speaker, speaker_role, language, text), the links expected
# as {(claim, evidence, relation): rule}, and the (claim, evidence, relation) triples that must not exist.
DAY1, DAY2, DAY3 = "2022-04-01T09:00:00Z", "2022-04-02T09:00:00Z", "2022-04-03T09:00:00Z"
EVIDENCE = {
    "court_finding_contradicts_denial": {
        "en": [
            ("c1", DAY1, "Mayor Roe", "official", "en", "I did not send these messages. The screenshots are fake."),
            ("a1", DAY2, "Crown Court", "authority", "en", "The jury found Mr Roe guilty of sending the messages."),
        ],
        "fr": [
            ("c1", DAY1, "Maire Dupont", "official", "fr", "Je n'ai jamais envoyé ces messages."),
            ("a1", DAY2, "Tribunal correctionnel de Lyon", "authority", "fr", "Le tribunal a reconnu M. Dupont coupable de harcèlement et l'a condamné à six mois de prison avec sursis."),
        ],
        "links": {("c1", "a1", "contradicts"): "finding_against_denial"},
        "absent": [("c1", "a1", "supports")],
    },
    "insider_admission_contradicts_hack_claim": {
        "en": [
            ("c1", DAY1, "Acme", "official", "en", "Our account was hacked last night."),
            ("i1", DAY2, "Former social media manager", "insider", "en", "I posted it myself, from the office."),
        ],
        "fr": [
            ("c1", DAY1, "Mairie", "official", "fr", "Notre compte a été piraté cette nuit."),
            ("i1", DAY2, "Ancienne community manager", "insider", "fr", "C'est moi qui ai publié ce message, depuis le bureau."),
        ],
        "links": {("c1", "i1", "contradicts"): "incompatible_cause"},
        "absent": [("c1", "i1", "supports")],
    },
    "authority_confirms_announced_dismissal": {
        "en": [
            ("c1", DAY1, "Acme", "official", "en", "The employee responsible has been dismissed."),
            ("a1", DAY2, "Labour inspectorate", "authority", "en", "The inspectorate confirmed that the employee had been dismissed on 3 March."),
        ],
        "fr": [
            ("c1", DAY1, "Mairie", "official", "fr", "L'agent responsable a été licencié."),
            ("a1", DAY2, "Préfecture", "authority", "fr", "La préfecture confirme que l'agent a bien été licencié."),
        ],
        "links": {("c1", "a1", "supports"): "same_proposition_other_speaker"},
        "absent": [("c1", "a1", "contradicts")],
    },
    "journalist_announced_inquiry_never_opened": {
        "en": [
            ("c1", DAY1, "Ministry", "official", "en", "An internal investigation has been opened."),
            ("j1", DAY2, "Daily Paper", "journalist", "en", "The investigation announced by the ministry was never opened."),
        ],
        "fr": [
            ("c1", DAY1, "Ministère", "official", "fr", "Une enquête interne a été ouverte."),
            ("j1", DAY2, "Le Quotidien", "journalist", "fr", "L'enquête annoncée par le ministère n'a jamais été ouverte."),
        ],
        "links": {("c1", "j1", "contradicts"): "same_proposition_negated"},
        "absent": [("c1", "j1", "supports")],
    },
    "earlier_finding_and_unrelated_later_statement": {
        "en": [
            ("a0", DAY1, "Crown Court", "authority", "en", "The jury found Mr Roe guilty of sending the messages."),
            ("c1", DAY2, "Mayor Roe", "official", "en", "I did not send these messages. The screenshots are fake."),
            ("u1", DAY3, "Daily Paper", "journalist", "en", "The town's new library opens next week."),
        ],
        "fr": [
            ("a0", DAY1, "Tribunal correctionnel de Lyon", "authority", "fr", "Le tribunal a reconnu M. Dupont coupable de harcèlement."),
            ("c1", DAY2, "Maire Dupont", "official", "fr", "Je n'ai jamais envoyé ces messages."),
            ("u1", DAY3, "Le Quotidien", "journalist", "fr", "La nouvelle médiathèque ouvre la semaine prochaine."),
        ],
        "links": {},
        "absent": [("c1", "a0", "contradicts"), ("c1", "u1", "contradicts"), ("c1", "u1", "supports")],
    },
    "own_camp_is_not_independent_support": {
        "en": [
            ("c1", DAY1, "Ministry of Culture", "official", "en", "Our account was hacked by criminals."),
            ("o1", DAY2, "Jane Roe, minister", "official", "en", "The account was hacked by criminals."),
            ("a1", DAY3, "City police", "authority", "en", "Police confirmed the account was hacked by a criminal group."),
        ],
        "fr": [
            ("c1", DAY1, "Ministère de la Culture", "official", "fr", "Notre compte a été piraté par des criminels."),
            ("o1", DAY2, "Jeanne Roux, ministre", "official", "fr", "Le compte a été piraté par des criminels."),
            ("a1", DAY3, "Parquet de Paris", "authority", "fr", "Le parquet confirme que le compte a bien été piraté par un groupe criminel."),
        ],
        "links": {("c1", "a1", "supports"): "same_proposition_other_speaker"},
        "absent": [("c1", "o1", "supports"), ("c1", "o1", "contradicts")],
    },
    "clearance_supports_denial_dropped_case_does_not": {
        "en": [
            ("c1", DAY1, "Sir John Doe", "official", "en", "The allegations are completely false."),
            ("a0", DAY2, "Crown Prosecution Service", "authority", "en", "The case was dropped for lack of evidence."),
            ("a1", DAY3, "Crown Court", "authority", "en", "Sir John Doe has been cleared of all allegations."),
        ],
        "fr": [
            ("c1", DAY1, "Jean Dupont", "official", "fr", "Ces accusations sont totalement fausses."),
            ("a0", DAY2, "Parquet de Lyon", "authority", "fr", "L'affaire a été classée sans suite faute de preuves."),
            ("a1", DAY3, "Tribunal correctionnel de Lyon", "authority", "fr", "M. Dupont a été relaxé par le tribunal."),
        ],
        "links": {("c1", "a1", "supports"): "clearance_supports_innocence"},
        "absent": [("c1", "a0", "supports"), ("c1", "a0", "contradicts"), ("c1", "a1", "contradicts")],
    },
    "fake_content_supports_authorship_denial": {
        "en": [
            ("c1", DAY1, "Senator Roe", "official", "en", "I never posted this tweet."),
            ("j1", DAY2, "Daily Paper", "journalist", "en", "The fake tweet was the work of a teenager from Leeds."),
        ],
        "fr": [
            ("c1", DAY1, "Alain Dupont", "official", "fr", "Je n'ai jamais publié ce tweet."),
            ("j1", DAY2, "Le Quotidien", "journalist", "fr", "La fausse capture d'écran est l'œuvre d'un lycéen de 17 ans."),
        ],
        "links": {("c1", "j1", "supports"): "fake_supports_authorship_denial"},
        "absent": [("c1", "j1", "contradicts")],
    },
}


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize("name", sorted(EVIDENCE))
def test_linking_evidence_from_every_role(name, lang):
    case = EVIDENCE[name]
    result = analyze_rules(frame(case[lang]))
    found = links_of(result)
    for key, rule in case["links"].items():
        assert key in found, (key, result.links[["claim_statement_id", "evidence_statement_id", "relation", "rule"]])
        link = found[key]
        assert link.rule == rule
        assert link.claim_span and link.evidence_span and link.evidence_text
        evidence_role = dict(zip(result.statements.statement_id, result.statements.speaker_role))[key[1]]
        assert link.strength == ("journalist" if evidence_role == "journalist" else "first-hand")
    for key in case["absent"]:
        assert key not in found, found[key]
    if not case["links"]:
        assert result.links.empty, result.links
        assert set(result.claims[result.claims.statement_id == "c1"].verdict) == {"uncontested"}


def test_linking_incident_is_spoken_by_the_codebooks_corrective_roles(mali):
    import dataclasses

    from toolkit.evidence import link_claims

    book = mali.codebook
    statements = mali.statements.assign(speaker_role=mali.statements["speaker_role"].replace({"official": "insider"}))
    _, _, as_official = link_claims(statements, mali.claims, book)
    _, _, as_insider = link_claims(statements, mali.claims, dataclasses.replace(book, corrective_roles=["insider"]))
    assert as_official.at[0, "incident_statement_id"] == ""  # no official speaks any more
    assert as_insider.at[0, "incident_statement_id"] == mali.cases.at[0, "incident_statement_id"] != ""
