"""Every codebook file is checked against its schema at load time: one line naming the file, the key and the problem."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from tests.codebook.test_custom import write_codebook
from toolkit.cli import app
from toolkit.codebook import load_codebook
from toolkit.errors import CodebookError

VICTIMHOOD = "dimensions:\n  victimhood:\n    column: victimhood\n    cardinality: {cardinality}\n    labels:\n      self_as_victim: {{definition: x}}\n"


@pytest.mark.parametrize(
    "name,content,expected",
    [
        ("links.yaml", "rules:\n  - {id: r, relation: refutes, claim: ['*'], evidence: same}\n",
         "links.yaml: key 'rules.0.relation': Input should be 'contradicts' or 'supports'"),
        ("links.yaml", "strength:\n  order: first-hand\n", "links.yaml: key 'strength.order': Input should be a valid list"),
        ("links.yaml", "rule: []\n", "links.yaml: key 'rule': Extra inputs are not permitted"),
        ("en/language.yaml", "quotes: [['«']]\n", "language.yaml: key 'quotes.0.1': Field required"),
        ("en/language.yaml", "status: {present: soon}\n", "language.yaml: key 'status.present'"),
        ("en/victimhood.jsonl", '{"id": "v", "lable": "self_as_victim", "pattern": [{"LOWER": "victim"}]}\n',
         "victimhood.jsonl, line 1: key 'label': Field required"),
        ("en/context.jsonl", '{"id": "c", "category": "negation", "window": "wide", "pattern": [{"LOWER": "not"}]}\n',
         "context.jsonl, line 1: key 'window': Input should be a valid integer"),
    ],
)
def test_schemas_bad_file_names_file_key_and_problem(tmp_path, name, content, expected):
    user = write_codebook(tmp_path / "bad", patterns={}, dimensions=VICTIMHOOD.format(cardinality="multi"))
    path = user / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(content, encoding="utf-8")
    with pytest.raises(CodebookError) as info:
        load_codebook(user)
    message = str(info.value)
    assert message.startswith("[E026] ") and str(user) in message and expected in message, message
    assert "\n" not in message


def test_schemas_bad_dimension_refused_by_the_cli_in_one_line(tmp_path):
    user = write_codebook(tmp_path / "bad", patterns={}, dimensions=VICTIMHOOD.format(cardinality="several"))
    result = CliRunner().invoke(app, ["codebook", "show", "--codebook", str(user)])
    errors = [line for line in result.output.splitlines() if line.startswith("error:")]
    assert result.exit_code == 2
    assert errors == [
        f"error: [E026] {user / 'dimensions.yaml'}: key 'dimensions.victimhood.cardinality': Input should be 'multi' or 'single'"
    ]


def test_schemas_bundled_codebook_is_valid():
    book = load_codebook()
    assert {"blame_shift", "remediation", "strategy"} <= set(book.dimensions)
