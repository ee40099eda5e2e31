"""Schemas of the codebook files, checked when a codebook is loaded (as spaCy checks ``config.cfg`` in ``schemas.py``).

Each file's raw data is validated as read; a bad file fails at load time
with one line naming the file (and line, for JSONL), the key and the
problem. Meaning that spans files (a label of an earlier dimension, a rule
id used twice) is checked by the loader.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, ValidationError

from ..errors import CodebookError, Errors

Status = Literal["promised", "ongoing", "done"]
Polarity = Literal["asserted", "negated", "any"]


class _Schema(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ImpliedBy(_Schema):
    dimension: str
    label: str | None = None
    negated: bool | None = None


class LabelSpec(_Schema):
    definition: str = ""
    implied_by: list[ImpliedBy] = []


class DimensionSpec(_Schema):
    description: str | None = None
    labels: dict[str, LabelSpec | None] | None = None
    column: str | None = None
    cardinality: Literal["multi", "single"] | None = None
    signals_corrective: bool | None = None
    status: bool | None = None
    claim_kind: str | None = None


class DimensionsFile(_Schema):
    """``dimensions.yaml``: the dimensions, their labels, and the roles whose statements can be corrective."""

    version: int | str | None = None
    corrective_roles: list[str] | None = None
    dimensions: dict[str, DimensionSpec] | None = None


class LinkRuleSpec(_Schema):
    id: str
    relation: Literal["contradicts", "supports"]
    claim: list[str]
    evidence: list[str] | Literal["same"]
    claim_polarity: Polarity = "any"
    evidence_polarity: Polarity = "any"
    polarity: Literal["same", "opposite"] | None = None
    speaker: Literal["any", "same", "other"] = "any"


class StrengthSpec(_Schema):
    order: list[str] = []
    claimant: str | None = None
    roles: dict[str, str] = {}


class LinksFile(_Schema):
    """``links.yaml``: the rules that link claims to later evidence, and the strength of evidence per role."""

    rules: list[LinkRuleSpec] | None = None
    strength: StrengthSpec | None = None
    party_stopwords: list[str] | None = None
    own_camp_roles: list[str] | None = None


class StatusSpec(_Schema):
    morph: dict[Status, list[str]] = {}
    present: Status = "ongoing"


class LanguageFile(_Schema):
    """``<lang>/language.yaml``: models, quotation marks, and the morphology of each status."""

    models: list[str] = []
    quotes: list[tuple[str, str]] = []
    status: StatusSpec = StatusSpec()


class LinkCuesFile(_Schema):
    """``<lang>/link_cues.yaml``: phrases with which later evidence refutes or confirms a claim, and negation words
    (features of the learned pair model)."""

    refutation: list[str] = []
    confirmation: list[str] = []
    negation: list[str] = []


class PatternLine(_Schema):
    """A line of ``<lang>/<dimension>.jsonl`` (spaCy's JSONL pattern format, plus ``dep_pattern``)."""

    id: str
    label: str
    pattern: list[dict[str, Any]] | None = None
    dep_pattern: list[dict[str, Any]] | None = None
    absorbs_negation: bool = False


class ContextLine(_Schema):
    """A line of ``<lang>/context.jsonl``: a cue and the tokens it scopes over."""

    id: str
    category: Literal["negation", "report", "terminate", "promised", "ongoing", "done"]
    direction: Literal["forward", "backward", "both"] = "forward"
    window: int = 6
    pattern: list[dict[str, Any]]
    terminate: bool = True


def check(schema: type[_Schema], data: Any, where: str) -> None:
    """Validate one file's (or line's) data; the first problem becomes a one-line :class:`CodebookError`.

    Raises:
        CodebookError: ``[E026] <file>[, line N]: key '<dotted.key>': <problem>``.
    """
    try:
        schema.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        key = ".".join(str(part) for part in first["loc"]) or "(top level)"
        raise CodebookError(Errors.E026.format(where=where, key=key, problem=first["msg"])) from None
