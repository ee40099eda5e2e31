"""Load, validate and merge codebooks: the data that drives every analyzer.

A codebook directory holds ``dimensions.yaml`` (labels and their meaning,
language-independent), ``links.yaml`` (how claims are compared) and, per
language, ``<lang>/language.yaml`` (models, quotes, status morphology),
``<lang>/context.jsonl`` (negation, reporting and status cues) and one
``<lang>/<dimension>.jsonl`` pattern file per dimension. Pattern lines follow
spaCy's JSONL convention (``id``, ``label``, ``pattern``) plus
``dep_pattern`` for ``DependencyMatcher`` rules and ``absorbs_negation`` for
patterns whose own negation word is part of their meaning (« sans
fondement », "no sensitive data"): a cue inside such a span does not negate it.

The bundled codebook is package data; user codebooks given with
``--codebook`` use the same layout, add labels, dimensions and rules, and
override bundled rules that share their ``id``.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

import yaml

from ..errors import CodebookError, Errors
from ._schemas import ContextLine, DimensionsFile, LanguageFile, LinkCuesFile, LinksFile, PatternLine, check

CONTEXT_CATEGORIES = ("negation", "report", "terminate", "promised", "ongoing", "done")
DIRECTIONS = ("forward", "backward", "both")
STATUSES = ("promised", "ongoing", "done")


@dataclass(frozen=True)
class Implication:
    """A tag of an earlier dimension that also sets a label (CODEBOOK §5 'exactly when')."""

    dimension: str
    label: str | None = None
    negated: bool | None = None


@dataclass(frozen=True)
class Label:
    name: str
    definition: str
    implied_by: tuple[Implication, ...] = ()


@dataclass(frozen=True)
class Dimension:
    name: str
    description: str
    labels: dict[str, Label]
    column: str | None = None
    cardinality: str = "multi"
    signals_corrective: bool = False
    status: bool = False
    claim_kind: str | None = None


@dataclass(frozen=True)
class Rule:
    """One pattern line: a token pattern (Matcher) or a dependency pattern."""

    id: str
    dimension: str
    label: str
    pattern: list[dict[str, Any]]
    dependency: bool
    source: str
    absorbs_negation: bool = False


@dataclass(frozen=True)
class ContextRule:
    """A cue that scopes over nearby tokens (NegEx / ConText style, Chapman et al. 2001)."""

    id: str
    category: str
    direction: str
    window: int
    pattern: list[dict[str, Any]]
    source: str
    stops_at_terminators: bool = True
    dependency: bool = False


@dataclass
class LanguageCodebook:
    lang: str
    models: list[str] = field(default_factory=list)
    quotes: list[tuple[str, str]] = field(default_factory=list)
    status_morph: dict[str, list[str]] = field(default_factory=dict)
    present_status: str = "ongoing"
    rules: dict[str, Rule] = field(default_factory=dict)
    context: dict[str, ContextRule] = field(default_factory=dict)
    link_cues: dict[str, list[str]] = field(default_factory=dict)

    def rules_for(self, dimension: str) -> list[Rule]:
        """The rules of one dimension, in file order."""
        return [r for r in self.rules.values() if r.dimension == dimension]


@dataclass
class Codebook:
    """All dimensions, per-language rules and linking settings in force.

    ``paths`` are the user codebook directories merged over the bundled one:
    what another process needs to load the same codebook.
    """

    dimensions: dict[str, Dimension]
    corrective_roles: list[str]
    languages: dict[str, LanguageCodebook]
    links: dict[str, Any]
    digest: str
    paths: tuple[str, ...] = ()

    def language(self, lang: str) -> LanguageCodebook:
        return self.languages[lang]

    @property
    def columns(self) -> dict[str, str]:
        """statements.csv column -> dimension, in codebook order."""
        return {d.column: d.name for d in self.dimensions.values() if d.column}

    @property
    def strength_order(self) -> list[str]:
        """Strengths of evidence, strongest first (``links.yaml``: ``strength.order``)."""
        return list(self.links.get("strength", {}).get("order", []))

    @property
    def roles(self) -> list[str]:
        """Speaker roles the codebook grades as evidence, in ``links.yaml`` order (``strength.roles``)."""
        return list(self.links.get("strength", {}).get("roles", {}))


def bundled_root() -> Traversable:
    """The codebook shipped inside the package."""
    return resources.files("toolkit") / "codebooks"


def _read_yaml(node: Traversable) -> dict[str, Any]:
    try:
        data = yaml.safe_load(node.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f", line {mark.line + 1}" if mark else ""
        raise CodebookError(Errors.E020.format(where=f"{node}{line}", problem=str(exc).splitlines()[0])) from None
    if not isinstance(data, dict):
        raise CodebookError(Errors.E020.format(where=str(node), problem="expected a mapping at top level"))
    return data


def _read_jsonl(node: Traversable) -> list[tuple[str, dict[str, Any]]]:
    lines = []
    for number, raw in enumerate(node.read_text(encoding="utf-8").splitlines(), start=1):
        if not raw.strip() or raw.lstrip().startswith("//"):
            continue
        where = f"{node}, line {number}"
        try:
            obj = json.loads(raw)
        except json.JSONDecodeError as exc:
            raise CodebookError(Errors.E020.format(where=where, problem=f"not JSON ({exc.msg})")) from None
        if not isinstance(obj, dict):
            raise CodebookError(Errors.E020.format(where=where, problem="expected a JSON object"))
        lines.append((where, obj))
    return lines


def _merge_dimensions(dimensions: dict[str, Dimension], data: dict[str, Any], where: str) -> None:
    for name, spec in (data.get("dimensions") or {}).items():
        if not isinstance(spec, dict):
            raise CodebookError(Errors.E020.format(where=where, problem=f"dimension {name!r} must be a mapping"))
        old = dimensions.get(name)
        labels = dict(old.labels) if old else {}
        for lname, lspec in (spec.get("labels") or {}).items():
            lspec = lspec or {}
            implied = tuple(
                Implication(i["dimension"], i.get("label"), i.get("negated")) for i in lspec.get("implied_by", [])
            )
            for imp in implied:
                if imp.dimension not in dimensions and imp.dimension != name:
                    raise CodebookError(
                        Errors.E020.format(
                            where=where, problem=f"{name}.{lname} implied by {imp.dimension!r}, which is not an earlier dimension"
                        )
                    )
            labels[lname] = Label(lname, lspec.get("definition", ""), implied)
        get = lambda key, default: spec.get(key, getattr(old, key) if old else default)  # noqa: E731
        dimensions[name] = Dimension(
            name=name,
            description=get("description", ""),
            labels=labels,
            column=get("column", None),
            cardinality=get("cardinality", "multi"),
            signals_corrective=get("signals_corrective", False),
            status=get("status", False),
            claim_kind=get("claim_kind", None),
        )
        if dimensions[name].cardinality not in ("multi", "single"):
            raise CodebookError(Errors.E020.format(where=where, problem=f"{name}: cardinality must be multi or single"))


def _merge_language(lang: LanguageCodebook, node: Traversable, dimensions: dict[str, Dimension]) -> None:
    config = node / "language.yaml"
    if config.is_file():
        data = _read_yaml(config)
        check(LanguageFile, data, str(config))
        lang.models = data.get("models", lang.models)
        lang.quotes = [tuple(q) for q in data.get("quotes", lang.quotes)]
        status = data.get("status", {})
        lang.status_morph = {k: list(v) for k, v in status.get("morph", lang.status_morph).items()}
        lang.present_status = status.get("present", lang.present_status)
    cues = node / "link_cues.yaml"
    if cues.is_file():
        data = _read_yaml(cues)
        check(LinkCuesFile, data, str(cues))
        lang.link_cues = {**lang.link_cues, **{kind: list(words) for kind, words in data.items()}}
    for child in sorted(node.iterdir(), key=lambda n: n.name):
        if not child.name.endswith(".jsonl"):
            continue
        stem = child.name[: -len(".jsonl")]
        if stem == "context":
            for where, obj in _read_jsonl(child):
                rule = _context_rule(obj, where)
                lang.context[rule.id] = rule
            continue
        if stem not in dimensions:
            raise CodebookError(Errors.E021.format(where=str(child), value=stem))
        seen: set[str] = set()
        for where, obj in _read_jsonl(child):
            rule = _pattern_rule(obj, stem, dimensions[stem], where)
            if rule.id in seen:
                raise CodebookError(Errors.E023.format(where=where, value=rule.id))
            seen.add(rule.id)
            lang.rules[rule.id] = rule


def _pattern_rule(obj: dict[str, Any], dimension: str, spec: Dimension, where: str) -> Rule:
    check(PatternLine, obj, where)
    for key in ("id", "label"):
        if not isinstance(obj.get(key), str) or not obj[key]:
            raise CodebookError(Errors.E020.format(where=where, problem=f"missing {key!r}"))
    if obj["label"] not in spec.labels:
        raise CodebookError(Errors.E022.format(where=where, value=obj["label"], dimension=dimension))
    dependency = "dep_pattern" in obj
    pattern = obj.get("dep_pattern") if dependency else obj.get("pattern")
    if not isinstance(pattern, list) or not pattern or not all(isinstance(p, dict) for p in pattern):
        raise CodebookError(Errors.E024.format(where=where, problem="'pattern' or 'dep_pattern' must be a non-empty list of objects"))
    return Rule(obj["id"], dimension, obj["label"], pattern, dependency, where, bool(obj.get("absorbs_negation", False)))


def _context_rule(obj: dict[str, Any], where: str) -> ContextRule:
    check(ContextLine, obj, where)
    category = obj.get("category")
    if category not in CONTEXT_CATEGORIES:
        raise CodebookError(Errors.E020.format(where=where, problem=f"category must be one of {CONTEXT_CATEGORIES}"))
    direction = obj.get("direction", "forward")
    if direction not in DIRECTIONS:
        raise CodebookError(Errors.E020.format(where=where, problem=f"direction must be one of {DIRECTIONS}"))
    pattern = obj.get("pattern")
    if not isinstance(obj.get("id"), str) or not isinstance(pattern, list) or not pattern:
        raise CodebookError(Errors.E024.format(where=where, problem="needs 'id' and a non-empty 'pattern'"))
    return ContextRule(
        obj["id"], category, direction, int(obj.get("window", 6)), pattern, where, bool(obj.get("terminate", True))
    )


def _digest(roots: list[Traversable]) -> str:
    """SHA-256 over every codebook file, so reports can cite the exact codebook."""
    sha = hashlib.sha256()

    def walk(node: Traversable, prefix: str) -> None:
        for child in sorted(node.iterdir(), key=lambda n: n.name):
            if child.is_dir():
                walk(child, f"{prefix}{child.name}/")
            elif child.name.endswith((".yaml", ".jsonl")):
                sha.update(f"{prefix}{child.name}\0".encode())
                sha.update(child.read_bytes())

    for root in roots:
        walk(root, "")
    return sha.hexdigest()


CodebookDirs = str | Path | Iterable[str | Path] | None


def codebook_paths(codebook: CodebookDirs) -> tuple[str, ...]:
    """Normalise a ``codebook`` argument (a directory, several, or None) to a tuple of absolute paths."""
    if codebook is None:
        return ()
    if isinstance(codebook, (str, Path)):
        return (str(Path(codebook).resolve()),)
    return tuple(str(Path(p).resolve()) for p in codebook)


def load_codebook(codebook: "Codebook | CodebookDirs" = None) -> Codebook:
    """The bundled codebook merged with user codebook directories, in order; loaded once per process.

    Args:
        codebook: user codebook directories (same layout as the bundled one), or a loaded codebook.

    Raises:
        CodebookError: naming the file, line and problem.
    """
    if isinstance(codebook, Codebook):
        return codebook
    return _load(codebook_paths(codebook))


@lru_cache(maxsize=8)
def _load(extra: tuple[str, ...]) -> Codebook:
    roots: list[Traversable] = [bundled_root()]
    for path in extra:
        p = Path(path)
        if not p.is_dir():
            raise CodebookError(Errors.E020.format(where=str(p), problem="not a codebook directory"))
        roots.append(p)
    dimensions: dict[str, Dimension] = {}
    corrective_roles: list[str] = []
    links: dict[str, Any] = {}
    languages: dict[str, LanguageCodebook] = {}
    for root in roots:
        dims_file = root / "dimensions.yaml"
        if dims_file.is_file():
            data = _read_yaml(dims_file)
            check(DimensionsFile, data, str(dims_file))
            _merge_dimensions(dimensions, data, str(dims_file))
            corrective_roles = data.get("corrective_roles", corrective_roles)
        links_file = root / "links.yaml"
        if links_file.is_file():
            data = _read_yaml(links_file)
            check(LinksFile, data, str(links_file))
            links = {**links, **data}
        for child in sorted(root.iterdir(), key=lambda n: n.name):
            if child.is_dir() and not child.name.startswith(("_", ".")):
                lang = languages.setdefault(child.name, LanguageCodebook(child.name))
                _merge_language(lang, child, dimensions)
    return Codebook(dimensions, corrective_roles, languages, links, _digest(roots), extra)
