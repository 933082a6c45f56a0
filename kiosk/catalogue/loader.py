"""Reads service definition files: parse, validate with the schema, compile, check.

A broken file is reported (path, location, problem) and skipped; the others load.
A location names a field by index and name, e.g. "fields/9 (nama_usaha)/type".
Given the recordings directory, a recording a definition names but which is missing
is a warning: the service loads, and the kiosk reads the question instead.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from types import MappingProxyType
from typing import Any

import yaml  # type: ignore[import-untyped]  # no stubs in the dev extra yet
from jsonschema import Draft202012Validator  # type: ignore[import-untyped]

from kiosk.catalogue.checks import (
    expression_problems,
    field_location,
    field_problems,
    recording_problems,
)
from kiosk.catalogue.errors import DefinitionError, ExpressionError
from kiosk.catalogue.expressions import CelExpression, compile_expression
from kiosk.catalogue.model import (
    Choice,
    DefinitionProblem,
    Field,
    FieldType,
    Handler,
    Output,
    ServiceDefinition,
)

log = logging.getLogger(__name__)

SCHEMA_PATH = Path(__file__).with_name("service.schema.json")
SUFFIXES = (".yaml", ".yml", ".json")
MAX_FILE_BYTES = 256 * 1024
MAX_SCHEMA_ERRORS = 5
MAX_BRACKET_DEPTH = 32
MAX_MESSAGE_LENGTH = 200
MAX_VALUE_LENGTH = 40  # of a value quoted in a problem
YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when PyYAML has it
TOP = "(top)"  # the location of a problem with the whole file
EXPRESSION_KEYS: Mapping[str, tuple[str, ...]] = {  # the special names each may use
    "relevant": ("today",),
    "calculation": ("today",),
    "constraint": ("today", "value"),
    "choice_filter": ("today", "choice"),
}


@dataclass
class CatalogueLoad:
    services: dict[str, ServiceDefinition] = field(default_factory=dict)
    problems: list[DefinitionProblem] = field(default_factory=list)  # files not loaded
    warnings: list[DefinitionProblem] = field(default_factory=list)  # of services loaded


def load_catalogue(directory: Path, recordings: Path | None = None) -> CatalogueLoad:
    """Every service file in `directory` (not its subdirectories), sorted by name.

    With `recordings` (the directory the fields' `audio` paths start from, as the
    kiosk plays them), each recording a loaded service names but which is not there
    is a warning, also logged; None checks no recordings.
    """
    result = CatalogueLoad()
    if not directory.is_dir():
        result.problems.append(DefinitionProblem(str(directory), TOP, "not a directory"))
        return result
    origins: dict[str, str] = {}
    for path in sorted(p for p in directory.iterdir() if p.suffix in SUFFIXES):
        try:
            definition = load_definition_file(path)
        except DefinitionError as error:
            result.problems.extend(error.problems)
            continue
        except Exception as error:  # whatever one file does, the others still load
            problem = f"cannot be loaded: {type(error).__name__}"
            result.problems.append(DefinitionProblem(str(path), TOP, problem))
            continue
        if definition.id in result.services:
            problem = f"duplicate service id {definition.id!r} (also {origins[definition.id]})"
            result.problems.append(DefinitionProblem(str(path), "id", problem))
            continue
        result.services[definition.id] = definition
        origins[definition.id] = str(path)
        if recordings is not None:
            result.warnings.extend(_recording_warnings(definition, str(path), recordings))
    return result


def _recording_warnings(
    definition: ServiceDefinition, path: str, recordings: Path
) -> list[DefinitionProblem]:
    warnings = [
        DefinitionProblem(path, *problem) for problem in recording_problems(definition, recordings)
    ]
    for warning in warnings:
        log.warning("service definition: %s", warning)
    return warnings


def load_definition_file(path: Path) -> ServiceDefinition:
    """One service file; raises DefinitionError."""
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise _error(str(path), f"larger than {MAX_FILE_BYTES} bytes")
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise _error(str(path), f"cannot be read: {type(error).__name__}") from None
    return load_definition_text(text, str(path))


def load_definition_text(text: str, path: str = "<text>") -> ServiceDefinition:
    """One definition from its text (JSON when `path` ends in .json, else YAML);
    raises DefinitionError carrying every problem found."""
    if len(text) > MAX_FILE_BYTES:
        raise _error(path, f"larger than {MAX_FILE_BYTES} characters")
    data = _parse(text, path)
    _raise_if_any(_schema_problems(data), path)
    problems = list(field_problems(data["fields"]))
    fields = _build_fields(data["fields"], problems)
    _raise_if_any(problems, path)
    definition = _build_definition(data, fields)
    _raise_if_any(expression_problems(definition), path)
    return definition


def _raise_if_any(problems: list[tuple[str, str]], path: str) -> None:
    if problems:
        raise DefinitionError(DefinitionProblem(path, *problem) for problem in problems)


def _parse(text: str, path: str) -> Any:
    language = "JSON" if path.endswith(".json") else "YAML"
    try:
        if language == "JSON":
            return json.loads(text)
        return _safe_yaml(text)
    except (ValueError, yaml.YAMLError, RecursionError) as error:
        raise _error(path, f"not valid {language}{_parse_detail(error)}") from None


def _bracket_depth(text: str) -> int:
    """The deepest nesting of [ and {, counting those inside quotes too (a safe excess)."""
    depth = deepest = 0
    for character in text:
        if character in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif character in "]}":
            depth = max(depth - 1, 0)
    return deepest


def _parse_detail(error: Exception) -> str:
    if isinstance(error, json.JSONDecodeError):
        return f" (line {error.lineno}): {error.msg}"
    line = getattr(getattr(error, "problem_mark", None), "line", None)
    if isinstance(line, int):
        return f" (line {line + 1}): {getattr(error, 'problem', '')}"
    if isinstance(error, RecursionError):
        return ": nested too deeply"
    return f": {_describe(str(error), None)}"


def _safe_yaml(text: str) -> Any:
    """Safe YAML without anchors and aliases (no "billion laughs") and without deep
    [ { nesting, which PyYAML parses in quadratic time."""
    if _bracket_depth(text) > MAX_BRACKET_DEPTH:
        raise yaml.YAMLError("brackets nested too deeply")
    for event in yaml.parse(text, Loader=YAML_LOADER):
        if isinstance(event, yaml.AliasEvent):
            raise yaml.YAMLError("aliases (*name) are not allowed")
    return yaml.load(text, Loader=YAML_LOADER)


@cache
def _validator() -> Draft202012Validator:
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def _schema_problems(data: Any) -> list[tuple[str, str]]:
    errors = sorted(_validator().iter_errors(data), key=lambda e: list(map(str, e.path)))
    return [
        (_location(list(error.absolute_path), data), _describe(error.message, error.instance))
        for error in errors[:MAX_SCHEMA_ERRORS]
    ]


def _location(path: list[Any], data: Any) -> str:
    """A schema error's place, e.g. "fields/9 (nama_usaha)/type": a field is named by
    its index and, when it has a name, the name."""
    if len(path) >= 2 and path[0] == "fields" and isinstance(path[1], int):
        raw = data["fields"][path[1]]
        name = raw.get("name") if isinstance(raw, dict) else None
        path = [field_location(path[1], name), *path[2:]]
    return "/".join(map(str, path)) or TOP


def _describe(message: str, instance: Any) -> str:
    """jsonschema's message, with a long quoted value and then the whole message cut short."""
    shown = repr(instance)
    if len(shown) > MAX_VALUE_LENGTH:
        message = message.replace(shown, shown[: MAX_VALUE_LENGTH - 1] + "…")
    if len(message) > MAX_MESSAGE_LENGTH:
        message = message[: MAX_MESSAGE_LENGTH - 1] + "…"
    return message


def _build_fields(raw_fields: list[dict[str, Any]], problems: list[tuple[str, str]]) -> list[Field]:
    all_names = [raw["name"] for raw in raw_fields]
    built = []
    for index, raw in enumerate(raw_fields):
        expressions = {}
        for key, specials in EXPRESSION_KEYS.items():
            if key in raw:
                context = f"fields/{index}/{key}"  # in the wizard's log of a failure
                where = f"{field_location(index, raw['name'])}/{key}"
                compiled = _compile(raw[key], all_names, specials, context, where, problems)
                _check_order(compiled, all_names[:index], where, problems)
                expressions[key] = compiled
        built.append(_build_field(raw, expressions))
    return built


def _compile(
    source: str,
    names: list[str],
    specials: tuple[str, ...],
    context: str,
    where: str,
    problems: list[tuple[str, str]],
) -> CelExpression | None:
    try:
        return compile_expression(source, [*names, *specials], context)
    except ExpressionError as error:
        problems.append((where, error.reason))
        return None


def _check_order(
    expression: CelExpression | None,
    earlier: list[str],
    where: str,
    problems: list[tuple[str, str]],
) -> None:
    """An expression reads only the fields before its own: answers come in that order."""
    if expression is None:
        return
    for name in sorted(expression.names - set(earlier) - {"today", "value", "choice"}):
        problems.append((where, f"uses {name!r}, which is not before this field"))


def _build_field(raw: dict[str, Any], expressions: Mapping[str, CelExpression | None]) -> Field:
    return Field(
        name=raw["name"],
        type=FieldType(raw["type"]),
        label=_frozen(raw["label"]),
        hint=_frozen(raw.get("hint", {})),
        staff_hint=_frozen(raw.get("staff_hint", {})),
        audio=_frozen(raw.get("audio", {})),
        required=raw.get("required", False),
        required_message=_frozen(raw.get("required_message", {})),
        constraint=expressions.get("constraint"),
        constraint_message=_frozen(raw.get("constraint_message", {})),
        relevant=expressions.get("relevant"),
        calculation=expressions.get("calculation"),
        default=raw.get("default"),
        read_only=raw.get("read_only", False),
        choices=tuple(_build_choice(choice) for choice in raw.get("choices", [])),
        choice_filter=expressions.get("choice_filter"),
    )


def _build_choice(raw: dict[str, Any]) -> Choice:
    filters = _frozen(raw.get("filters", {}))
    return Choice(value=raw["value"], label=_frozen(raw["label"]), filters=filters)


def _build_definition(data: dict[str, Any], fields: Iterable[Field]) -> ServiceDefinition:
    return ServiceDefinition(
        id=data["id"],
        version=data["version"],
        title=_frozen(data["title"]),
        description=_frozen(data["description"]),
        fields=tuple(fields),
        requirements=tuple(_frozen(texts) for texts in data["requirements"]),
        processing_days=data["processing_days"],
        handler=Handler(data["handler"]),
        agency=_frozen(data["agency"]),
        output=Output(data["output"]),
        queue_service=data.get("queue_service", "B"),
        letter_template=data.get("letter_template"),
    )


def _frozen(mapping: Mapping[str, Any]) -> Mapping[str, Any]:
    """A read-only copy: a loaded definition is shared by every wizard and must not change."""
    return MappingProxyType(dict(mapping))


def _error(path: str, problem: str) -> DefinitionError:
    return DefinitionError([DefinitionProblem(path, TOP, problem)])
