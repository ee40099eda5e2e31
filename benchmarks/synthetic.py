"""Seeded synthetic corpora for the benchmarks: varied statements in French and English.

Statements are built from many sentence templates and slot fillers (hack
claims, excuses, remediation, apologies, evidence, neutral chatter), so the
analyzers see realistic hit rates. Not a test corpus: its labels are unknown.
"""

from __future__ import annotations

import random

import pandas as pd

SLOTS = {
    "en": {
        "org": ["The company", "Our team", "The ministry", "The airline", "The bank", "The club", "The campaign"],
        "thing": ["account", "website", "system", "page", "email server", "Twitter account", "Facebook page"],
        "attacker": ["hackers", "ill-intentioned individuals", "criminals", "an unknown party", "malicious actors"],
        "platform": ["Twitter", "Facebook", "Instagram", "the platform", "Google"],
        "people": ["customers", "passengers", "users", "followers", "employees", "shareholders", "citizens"],
        "day": ["Monday", "yesterday", "this morning", "last night", "on January 6"],
        "topic": ["the budget", "the new stadium", "quarterly results", "the summit", "a charity event", "the weather"],
    },
    "fr": {
        "org": ["La société", "Notre équipe", "Le ministère", "La compagnie", "La banque", "Le club", "La présidence"],
        "thing": ["compte", "site", "système", "compte Twitter", "page Facebook", "serveur de messagerie"],
        "attacker": ["des pirates", "des individus mal intentionnés", "des hackers", "un tiers inconnu", "des criminels"],
        "platform": ["Twitter", "Facebook", "Instagram", "la plateforme", "Google"],
        "people": ["nos clients", "les passagers", "nos abonnés", "nos collaborateurs", "nos actionnaires", "nos compatriotes"],
        "day": ["lundi", "hier", "ce matin", "cette nuit", "le 6 janvier"],
        "topic": ["le budget", "le nouveau stade", "les résultats trimestriels", "le sommet", "un gala caritatif", "la météo"],
    },
}

TEMPLATES = {
    "en": [
        "Our {thing} was hacked by {attacker} {day}.",
        "{org} says its {thing} was compromised by {attacker}.",
        "We have informed {platform} and an investigation is under way.",
        "We apologize to our {people} for any offence caused.",
        "The post was published by mistake by a member of staff.",
        "We will refund all affected {people}.",
        "The tweet has been deleted and passwords have been changed.",
        "There were no hackers, just a handling error.",
        "We were not hacked.",
        "{org} denies that it ever posted this message.",
        "The employee responsible has been suspended.",
        "We are reviewing our procedures to make sure this never happens again.",
        "Police have been notified and a complaint has been filed.",
        "{org} will publish an update on {topic} {day}.",
        "Thanks to everyone who joined us for {topic}.",
        "The account was hacked, officials said.",
        "I posted it myself and I take full responsibility.",
        "This was a technical glitch that affected only a small number of {people}.",
        "We remain committed to our values and to our {people}.",
        "This smear campaign by the media will not distract us from {topic}.",
    ],
    "fr": [
        "Notre {thing} a été momentanément piraté par {attacker} {day}.",
        "{org} affirme que son {thing} a été piraté par {attacker}.",
        "{platform} en a été informé et des investigations sont en cours.",
        "Nous présentons nos excuses à {people}.",
        "Le message a été publié par erreur par un collaborateur.",
        "Nous allons rembourser {people}.",
        "Le tweet a été supprimé et les mots de passe ont été changés.",
        "Ni pirates, ni hackers, une regrettable erreur de manipulation.",
        "Notre compte n'a pas été piraté.",
        "{org} dément avoir publié ce message.",
        "L'agent responsable a été suspendu.",
        "Nous allons revoir nos procédures internes.",
        "Une plainte a été déposée auprès de la police.",
        "{org} publiera {day} un point sur {topic}.",
        "Merci à tous pour {topic}.",
        "Le compte aurait été piraté, selon la présidence.",
        "J'assume l'entière responsabilité de ce message.",
        "Une panne technique a touché quelques {people}.",
        "Nous restons attachés à nos valeurs.",
        "Cette cabale médiatique ne nous détournera pas de {topic}.",
    ],
}

ROLES = ["official", "official", "official", "journalist", "commentator", "insider", "public", "authority"]


def statement(rng: random.Random, lang: str) -> str:
    """One statement of one to four sentences, slots filled at random."""
    slots = SLOTS[lang]
    sentences = rng.sample(TEMPLATES[lang], rng.randint(1, 4))
    return " ".join(s.format(**{k: rng.choice(v) for k, v in slots.items()}) for s in sentences)


def corpus(n: int, *, cases: int | None = None, seed: int = 13) -> pd.DataFrame:
    """``n`` statements in ``cases`` cases (default: 20 statements per case), both languages."""
    rng = random.Random(seed)
    cases = cases or max(1, n // 20)
    per_case = max(1, n // cases)
    rows = []
    for i in range(n):
        lang = "fr" if rng.random() < 0.5 else "en"
        case = min(i // per_case, cases - 1)
        rows.append(
            {
                "case_id": f"case{case:06d}",
                "statement_id": f"s{i:07d}",
                "timestamp": pd.Timestamp("2020-01-01", tz="UTC") + pd.Timedelta(minutes=i % per_case * 37 + case),
                "speaker": f"speaker{rng.randint(0, 5)}",
                "speaker_role": rng.choice(ROLES),
                "channel": "twitter",
                "language": lang,
                "text": statement(rng, lang),
            }
        )
    frame = pd.DataFrame(rows)
    frame["timestamp"] = frame["timestamp"].map(lambda t: t.isoformat())
    return frame
