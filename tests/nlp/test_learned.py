"""The learned layer: encoder, veto, learned tags with their evidence, modes, and the shipped model's provenance."""

from __future__ import annotations

import socket
from pathlib import Path
import warnings

import numpy as np
import pandas as pd
import pytest

import toolkit
from tests.conftest import CORPORA, MALI
from toolkit.codebook import load_codebook
from toolkit.errors import InputError
from toolkit.nlp.learned import encoder
from toolkit.nlp.learned.decide import targets_of
from toolkit.nlp.learned.features import FeatureSpace, sentences, vetoed
from toolkit.nlp.learned.model import LearnedModel, bundled_model


def _analyze(rows, **options):
    frame = pd.DataFrame(
        [{"case_id": f"c{i}", "statement_id": "s1", "language": lang, "speaker_role": role, "speaker": "x", "text": text}
         for i, (lang, role, text) in enumerate(rows)]
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return toolkit.analyze(frame, **options)


def test_learned_encoder_is_multilingual_deterministic_and_offline(monkeypatch):
    def no_network(*args, **kwargs):
        raise AssertionError("the encoder or the model tried to open a socket")

    monkeypatch.setattr(socket, "socket", no_network)
    encoder._model.cache_clear()
    texts = ["Notre compte a été piraté.", "Our account was hacked.", "Le match de football a été reporté."]
    first, second = encoder.encode(texts), encoder.encode(texts)
    assert first.shape == (3, 512) and np.array_equal(first, second)
    assert np.allclose(np.linalg.norm(first, axis=1), 1.0, atol=1e-4)
    assert first[0] @ first[1] > 0.6 > first[0] @ first[2]
    model = LearnedModel.load(bundled_model())  # np.load(allow_pickle=False): plain arrays only
    assert model.features == list(FeatureSpace.of(load_codebook()).names) and model.targets == targets_of(load_codebook())


def test_learned_encoder_refuses_other_weights(monkeypatch):
    monkeypatch.setitem(encoder.RESOURCE_SHA256, "weights.npz", "0" * 64)
    encoder._model.cache_clear()
    with pytest.raises(InputError, match=r"E100.*weights.npz"):
        encoder.encode(["x"])
    encoder._model.cache_clear()


@pytest.mark.parametrize(
    ("lang", "text", "label", "expected"),
    [
        ("fr", "Ni pirates, ni hackers, juste une malencontreuse erreur de manipulation.", "external_attacker", True),
        ("fr", "Notre compte a été piraté par des individus mal intentionnés.", "external_attacker", False),
        ("en", "We were not hacked.", "external_attacker", True),
        ("en", "Our account was hacked by criminals.", "external_attacker", False),
    ],
)
def test_learned_veto_negated_label_or_predicate(tag, lang, text, label, expected):
    doc = tag(lang, text)
    assert vetoed(sentences(doc)[0], True, "blame_shift", label) is expected


def test_learned_mali_equals_gold_with_learned_evidence():
    result = toolkit.analyze(MALI / "statements.csv")
    gold = pd.read_csv(MALI / "gold.csv", dtype=str, keep_default_na=False)
    coded = result.statements[["statement_id", "corrective", *gold.columns[2:]]].astype(str)
    assert coded.to_dict("records") == gold[coded.columns].to_dict("records")
    learned = result.tags[result.tags["rule"].str.startswith("model:toolkit_learned@")]
    s3 = result.statements.set_index("statement_id").at["s3", "text"]
    assert set(learned["statement_id"]) == {"s3"} and (learned["counted"] == 1).all()
    for row in learned.itertuples(index=False):
        assert s3[row.start_char : row.end_char] == row.text and 0 <= row.score <= 1 and row.nearest
        assert row.found_by in {"model", "rules+model"}
    # the insiders' « ni pirates, ni hackers » is never a blame shift
    assert not ((result.tags["statement_id"].isin(["s5", "s6"])) & (result.tags["counted"] == 1)).any()


def test_learned_finds_corrective_statements_the_rules_miss_and_tags_paraphrases():
    rows = [
        ("en", "official", "Someone outside the company got into our systems and posted this message without our knowledge."),
        ("fr", "official", "Quelqu'un d'extérieur s'est introduit dans nos systèmes et a publié ce message à notre insu."),
        ("en", "official", "We sincerely apologise to all our passengers for the disruption."),
        ("fr", "official", "Nous tenons à présenter nos plus sincères excuses à tous nos clients pour la gêne occasionnée."),
    ]
    learned, rules = _analyze(rows), _analyze(rows, rules_only=True)
    assert learned.statements["corrective"].tolist() == [1, 1, 1, 1]
    assert rules.statements["corrective"].tolist()[:2] == [0, 0]  # no rule lists these wordings
    assert learned.statements["audience"].tolist()[2:] == ["customers", "customers"]
    apology = learned.tags[(learned.tags["label"] == "apology") & (learned.tags["counted"] == 1)]
    assert set(apology["found_by"]) == {"rules+model"} and apology["score"].astype(float).gt(0.5).all()


@pytest.mark.xfail(reason="the text classifier (ridge on 268 real statements and 721 contrast sentences) does not yet "
                          "reach its 95%-precision text threshold on blame-shift paraphrases; issue 11 left open",
                   strict=True)
def test_learned_blame_shift_paraphrase_without_rule_words():
    result = _analyze([("en", "official", "Someone outside the company got into our systems and posted this message.")])
    assert result.statements.at[0, "blame_shift"] == "external_attacker"


def test_learned_negated_and_reported_variants_are_not_tagged():
    result = _analyze([
        ("fr", "insider", "Ni pirates, ni hackers, juste une malencontreuse erreur de manipulation."),
        ("en", "journalist", "The account was hacked by malicious individuals, officials said."),
        ("en", "official", "We were not hacked by anyone."),
    ])
    assert result.statements["blame_shift"].tolist() == ["", "", ""]
    assert result.statements["corrective"].tolist()[:2] == [0, 0]
    counted = result.tags[(result.tags["counted"] == 1) & (result.tags["label"] == "external_attacker")]
    assert counted.empty


def test_learned_rules_only_mode_has_no_model_rows_and_user_codebook_falls_back(tmp_path):
    rules = toolkit.analyze(MALI / "statements.csv", rules_only=True)
    assert not rules.tags["rule"].str.startswith("model:").any()
    assert set(rules.tags.loc[rules.tags["counted"] == 1, "found_by"]) == {"rules"}
    user = tmp_path / "book"
    user.mkdir()
    (user / "dimensions.yaml").write_text(
        "version: 1\ndimensions:\n  tone:\n    description: Tone.\n    column: tone\n"
        "    labels:\n      defiant: {definition: Defiant.}\n", encoding="utf-8")
    with pytest.warns(UserWarning, match="W101"):
        result = toolkit.analyze(MALI / "statements.csv", codebook=user)
    assert not result.tags["rule"].str.startswith("model:").any()


def test_learned_shipped_weights_equal_what_toolkit_train_rebuilds(tmp_path, monkeypatch):
    """The coder and the pair model, as `toolkit train` rebuilds them (offline), byte for byte."""
    from toolkit.validation.pair_training import save_pair_model, train_pairs
    from toolkit.validation.training import save_model, train_model

    def refuse(*args, **kwargs):
        raise AssertionError("network access")

    monkeypatch.setattr(socket, "create_connection", refuse)
    book = load_codebook()
    save_model(train_model(CORPORA, book), tmp_path)
    save_pair_model(train_pairs(CORPORA, book, str(tmp_path)), tmp_path)
    shipped = bundled_model()
    for name in ("weights.npz", "card.json", "pair_weights.npz", "pair_card.json"):
        assert (tmp_path / name).read_bytes() == (Path(shipped) / name).read_bytes(), name
