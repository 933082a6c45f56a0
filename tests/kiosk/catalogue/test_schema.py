"""Definitions are checked when loaded: schema, expressions, names, choices; broken files
are reported with path and location, and never stop the others."""

from __future__ import annotations

import copy
import json
import logging
from pathlib import Path
from typing import Any

import pytest
import yaml
from jsonschema import Draft202012Validator

from kiosk.catalogue.errors import DefinitionError
from kiosk.catalogue.loader import (
    MAX_SCHEMA_ERRORS,
    SCHEMA_PATH,
    load_catalogue,
    load_definition_text,
)
from kiosk.catalogue.model import DefinitionProblem, FieldType
from kiosk.catalogue.paths import default_catalogue_dir

SHIPPED = sorted(default_catalogue_dir().glob("*.yaml"))

MINIMAL: dict[str, Any] = {
    "id": "contoh-layanan",
    "version": 1,
    "title": {"id": "Contoh", "en": "Example"},
    "description": {"id": "Layanan contoh."},
    "processing_days": 1,
    "handler": "village",
    "agency": {"id": "Kantor Desa"},
    "output": "receipt",
    "requirements": [{"id": "Fotokopi KTP-el"}],
    "fields": [
        {"name": "nik", "type": "nik", "label": {"id": "NIK"}, "required": True},
        {"name": "nama", "type": "text", "label": {"id": "Nama"}},
        {
            "name": "keperluan",
            "type": "select_one",
            "label": {"id": "Keperluan"},
            "choices": [
                {"value": "kerja", "label": {"id": "Kerja"}},
                {"value": "lainnya", "label": {"id": "Lainnya"}},
            ],
        },
        {"name": "jumlah", "type": "integer", "label": {"id": "Jumlah"}},
    ],
}


def definition(**changes: Any) -> dict[str, Any]:
    data = copy.deepcopy(MINIMAL)
    data.update(changes)
    return data


def with_field(index: int, **changes: Any) -> dict[str, Any]:
    data = definition()
    data["fields"][index].update(changes)
    return data


def problems_of(data: Any) -> list[DefinitionProblem]:
    with pytest.raises(DefinitionError) as caught:
        load_definition_text(yaml.safe_dump(data, allow_unicode=True), "svc.yaml")
    return list(caught.value.problems)


def assert_problem(problems: list[DefinitionProblem], where: str, text: str) -> None:
    matching = [p for p in problems if p.field == where and text in p.problem]
    assert matching, f"no problem at {where!r} mentioning {text!r} in {problems}"
    assert all(p.path == "svc.yaml" for p in problems)


def test_the_schema_is_a_valid_draft_2020_12_schema() -> None:
    Draft202012Validator.check_schema(json.loads(SCHEMA_PATH.read_text()))


def test_the_schema_field_types_are_the_model_field_types() -> None:
    schema = json.loads(SCHEMA_PATH.read_text())
    assert set(schema["$defs"]["field"]["properties"]["type"]["enum"]) == set(FieldType)


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.stem)
def test_every_shipped_file_validates_against_the_schema(path: Path) -> None:
    validator = Draft202012Validator(json.loads(SCHEMA_PATH.read_text()))
    assert list(validator.iter_errors(yaml.safe_load(path.read_text()))) == []


def test_a_minimal_definition_loads() -> None:
    service = load_definition_text(yaml.safe_dump(MINIMAL))
    assert service.id == "contoh-layanan"
    assert service.queue_service == "B"
    assert [f.name for f in service.fields] == ["nik", "nama", "keperluan", "jumlah"]
    assert service.field("keperluan").choices[1].value == "lainnya"


def test_json_definitions_load_too() -> None:
    assert load_definition_text(json.dumps(MINIMAL), "svc.json").id == "contoh-layanan"
    with pytest.raises(DefinitionError, match=r"not valid JSON \(line 1\)"):
        load_definition_text("{'single': 'quotes'}", "svc.json")


SCHEMA_CASES = [
    (definition(version="1"), "version", "is not of type 'integer'"),
    (definition(colour="red"), "(top)", "'colour' was unexpected"),
    (definition(id="Bad Id"), "id", "does not match"),
    (definition(title={"en": "English only"}), "title", "'id' is a required property"),
    (definition(title={"id": "Judul", "fr": "Titre"}), "title", "'fr' was unexpected"),
    (definition(handler="regency"), "handler", "is not one of"),
    (definition(processing_days=-1), "processing_days", "less than the minimum"),
    (definition(output="letter"), "(top)", "'letter_template' is a required property"),
    (definition(fields=[]), "fields", "should be non-empty"),
    (with_field(1, type="essay"), "fields/1 (nama)/type", "is not one of"),
    (with_field(1, colour="red"), "fields/1 (nama)", "'colour' was unexpected"),
    (with_field(1, name="Nama"), "fields/1 ('Nama')/name", "does not match"),
    (with_field(1, name="today"), "fields/1 (today)/name", "should not be valid"),
    (with_field(1, required="yes"), "fields/1 (nama)/required", "is not of type 'boolean'"),
    (with_field(1, constraint="size(value) > 2"), "fields/1 (nama)", "'constraint_message'"),
    (with_field(1, relevant="x" * 1001), "fields/1 (nama)/relevant", "is too long"),
    (
        with_field(1, audio={"id": "../../etc/passwd.ogg"}),
        "fields/1 (nama)/audio/id",
        "does not match",
    ),
    (
        with_field(2, choices=[{"value": "a b", "label": {"id": "A"}}]),
        "fields/2 (keperluan)/choices/0/value",
        "does not match",
    ),
]


@pytest.mark.parametrize(("data", "where", "text"), SCHEMA_CASES)
def test_schema_violations_name_the_location(data: Any, where: str, text: str) -> None:
    assert_problem(problems_of(data), where, text)


def test_only_the_first_few_schema_errors_are_reported() -> None:
    broken_fields = [{"name": "X", "type": "essay", "label": {}} for _ in range(10)]
    data = definition(fields=broken_fields, version="x", handler="x")
    assert len(problems_of(data)) == MAX_SCHEMA_ERRORS


def test_a_long_schema_message_is_shortened() -> None:
    problems = problems_of(definition(title={"id": "x", "zz": "y" * 5000}))
    assert all(len(p.problem) <= 200 for p in problems)


EXPRESSION_CASES = [
    ("relevant", "nama == ", "syntax error"),
    ("relevant", "alamat == 'x'", "unknown name 'alamat'"),
    ("relevant", "__import__('os')", "unknown function '__import__'"),
    ("relevant", "nik.system('true')", "unknown function 'system'"),
    ("relevant", "google.protobuf.Int32Value{value: 1} == nik", "message construction"),
    ("relevant", "(" * 40 + "nik != null" + ")" * 40, "nested too deeply"),
    ("relevant", "!" * 400 + "true", "nested too deeply"),
    ("relevant", "value == 'x'", "unknown name 'value'"),
    ("relevant", "jumlah == 1", "uses 'jumlah', which is not before this field"),
    ("relevant", "nama == 'x'", "uses 'nama', which is not before this field"),
    ("relevant", "'kerja'", "must give true or false, gives a str"),
    ("relevant", "nik > 3", "no operation for these types"),
    ("calculation", "1 / 0", "division by zero"),
    ("choice_filter", "choice.province == nik", "only select_one and select_multiple"),
]


@pytest.mark.parametrize(("key", "source", "text"), EXPRESSION_CASES)
def test_expression_mistakes_are_found_at_load_time(key: str, source: str, text: str) -> None:
    data = with_field(1, **{key: source})
    if key == "choice_filter":
        data["fields"][1]["choices"] = [{"value": "a", "label": {"id": "A"}}]
    assert_problem(problems_of(data), f"fields/1 (nama)/{key}", text)


def test_a_missing_null_guard_is_found_at_load_time() -> None:
    data = definition()
    data["fields"][2]["type"] = "select_multiple"
    data["fields"][3]["relevant"] = "'lainnya' in keperluan"
    assert_problem(
        problems_of(data), "fields/3 (jumlah)/relevant", "when earlier questions are unanswered"
    )
    data["fields"][3]["relevant"] = "keperluan != null && 'lainnya' in keperluan"
    assert load_definition_text(yaml.safe_dump(data)).field("jumlah").relevant is not None


def test_a_choice_filter_reading_a_missing_column_is_found_at_load_time() -> None:
    data = definition()
    data["fields"][2]["choice_filter"] = "choice.province == nik"
    data["fields"][2]["choices"][0]["filters"] = {"province": "32"}
    assert_problem(problems_of(data), "fields/2 (keperluan)/choice_filter", "no such key")


def test_a_constraint_may_read_value_and_a_choice_filter_choice() -> None:
    data = definition()
    data["fields"][3].update(constraint="value >= 1", constraint_message={"id": "Minimal 1."})
    data["fields"][2]["choice_filter"] = "choice.value != 'lainnya' || nik != null"
    service = load_definition_text(yaml.safe_dump(data))
    assert service.field("jumlah").constraint is not None


FIELD_CASES = [
    (with_field(1, name="nik"), "fields/1 (nik)/name", "duplicate name 'nik' (also fields/0)"),
    (with_field(1, type="select_one"), "fields/1 (nama)/choices", "needs choices"),
    (
        with_field(1, choices=[{"value": "a", "label": {"id": "A"}}]),
        "fields/1 (nama)/choices",
        "only select",
    ),
    (
        with_field(1, type="calculate", required=False),
        "fields/1 (nama)/calculation",
        "needs a calculation",
    ),
    (with_field(1, type="note", required=True), "fields/1 (nama)/required", "never asked"),
    (with_field(2, default="tidak_ada"), "fields/2 (keperluan)/default", "not a possible answer"),
    (with_field(3, default="dua"), "fields/3 (jumlah)/default", "not a possible answer"),
]


@pytest.mark.parametrize(("data", "where", "text"), FIELD_CASES)
def test_field_mistakes_name_the_field(data: Any, where: str, text: str) -> None:
    assert_problem(problems_of(data), where, text)


def test_duplicate_choice_values_are_reported() -> None:
    data = definition()
    data["fields"][2]["choices"].append({"value": "kerja", "label": {"id": "Lagi"}})
    assert_problem(
        problems_of(data), "fields/2 (keperluan)/choices/2/value", "duplicate choice 'kerja'"
    )


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("a: &x [1, 2]\nb: *x\n", "not valid YAML: aliases (*name) are not allowed"),
        ("id: [unclosed\n", "not valid YAML (line 2)"),
        ("title: Surat: Domisili\n", "not valid YAML (line 1): mapping values"),
        ("- just\n- a list\n", "is not of type 'object'"),
        ("[" * 5000, "not valid YAML"),
        ("[" * 5000 + "]" * 5000, "not valid YAML"),
    ],
)
def test_hostile_yaml_is_a_problem_not_a_crash(text: str, message: str) -> None:
    with pytest.raises(DefinitionError) as caught:
        load_definition_text(text, "svc.yaml")
    assert message in str(caught.value)


def test_a_huge_text_is_refused() -> None:
    with pytest.raises(DefinitionError, match="larger than"):
        load_definition_text("#" * 300_000)


def write(directory: Path, name: str, data: Any) -> Path:
    path = directory / name
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def test_a_broken_file_next_to_good_ones_does_not_stop_them(tmp_path: Path) -> None:
    write(tmp_path, "a-good.yaml", definition(id="layanan-a"))
    broken = with_field(1, relevant="alamat == 'x'")
    bad = write(tmp_path, "b-bad.yaml", {**broken, "id": "layanan-b"})
    (tmp_path / "c-good.json").write_text(json.dumps(definition(id="layanan-c")))
    (tmp_path / "d-binary.yaml").write_bytes(b"\xff\xfe\x00garbage")
    (tmp_path / "notes.txt").write_text("not a definition")
    loaded = load_catalogue(tmp_path)
    assert sorted(loaded.services) == ["layanan-a", "layanan-c"]
    assert [(p.path, p.field) for p in loaded.problems] == [
        (str(bad), "fields/1 (nama)/relevant"),
        (str(tmp_path / "d-binary.yaml"), "(top)"),
    ]
    assert "unknown name 'alamat'" in str(loaded.problems[0])


def test_duplicate_service_ids_keep_the_first_file(tmp_path: Path) -> None:
    first = write(tmp_path, "a.yaml", definition())
    second = write(tmp_path, "b.yaml", definition())
    loaded = load_catalogue(tmp_path)
    assert list(loaded.services) == ["contoh-layanan"]
    assert loaded.problems == [
        DefinitionProblem(
            str(second), "id", f"duplicate service id 'contoh-layanan' (also {first})"
        )
    ]


def test_a_missing_directory_is_a_problem(tmp_path: Path) -> None:
    loaded = load_catalogue(tmp_path / "nowhere")
    assert loaded.services == {}
    assert "not a directory" in str(loaded.problems[0])


@pytest.mark.parametrize(
    ("fields", "where"),
    [
        ([{"name": "nik", "type": "nik", "label": {"id": "NIK"}}, {"type": "text"}], "fields/1"),
        (
            [{"name": "nik", "type": "nik", "label": {"id": "NIK"}}, {"name": "x\n" * 40}],
            "fields/1 ('x\\nx\\nx\\nx\\nx\\nx\\nx\\nx\\nx\\nx\\n'…)",
        ),
    ],
)
def test_a_field_without_a_usable_name_is_named_by_index_or_quoted(
    fields: list[dict[str, Any]], where: str
) -> None:
    assert_problem(problems_of(definition(fields=fields)), where, "is a required property")


def test_a_reported_problem_names_the_file_and_the_field() -> None:
    (problem,) = problems_of(with_field(3, type="essay"))
    assert str(problem).startswith("svc.yaml: fields/3 (jumlah)/type: ")


def test_expression_contexts_at_run_time_keep_the_index_form() -> None:
    data = with_field(3, relevant="nik != null")
    service = load_definition_text(yaml.safe_dump(data))
    relevant = service.field("jumlah").relevant
    assert relevant is not None and getattr(relevant, "context", None) == "fields/3/relevant"


READ_ONLY_STUCK = [
    with_field(1, read_only=True, required=True),
    with_field(2, read_only=True, required=True),
    definition(
        fields=[
            *MINIMAL["fields"],
            {"name": "setuju", "type": "acknowledge", "label": {"id": "Setuju"}, "read_only": True},
        ]
    ),
]


@pytest.mark.parametrize("data", READ_ONLY_STUCK)
def test_a_required_read_only_field_without_a_value_is_refused(data: dict[str, Any]) -> None:
    problems = problems_of(data)
    index = next(i for i, f in enumerate(data["fields"]) if f.get("read_only"))
    name = data["fields"][index]["name"]
    assert_problem(problems, f"fields/{index} ({name})/read_only", "can never be answered")


@pytest.mark.parametrize(
    "changes",
    [
        {"read_only": True, "required": True, "default": "Budi"},
        {"read_only": True, "required": True, "calculation": "nik != null ? 'Budi' : 'x'"},
        {"read_only": True},
        {"read_only": False, "required": True},
        {"read_only": True, "type": "hidden", "default": "x"},
    ],
)
def test_a_read_only_field_with_a_value_or_not_required_loads(changes: dict[str, Any]) -> None:
    service = load_definition_text(yaml.safe_dump(with_field(1, **changes)))
    assert service.field("nama").read_only is changes["read_only"]


def test_a_stuck_read_only_field_skips_its_service_only(tmp_path: Path) -> None:
    write(tmp_path, "a-good.yaml", definition(id="layanan-a"))
    bad = write(tmp_path, "b-bad.yaml", {**with_field(1, read_only=True, required=True)})
    loaded = load_catalogue(tmp_path)
    assert list(loaded.services) == ["layanan-a"]
    assert [(p.path, p.field) for p in loaded.problems] == [(str(bad), "fields/1 (nama)/read_only")]


def with_audio(**audio: dict[str, str]) -> dict[str, Any]:
    data = definition()
    for field in data["fields"]:
        if field["name"] in audio:
            field["audio"] = audio[field["name"]]
    return data


def test_missing_recordings_are_warnings_and_the_service_loads(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    recordings = tmp_path / "recordings"
    (recordings / "id").mkdir(parents=True)
    (recordings / "id" / "nik.ogg").write_bytes(b"OggS")
    services = tmp_path / "services"
    services.mkdir()
    audio = {"nik": {"id": "id/nik.ogg", "en": "en/nik.ogg"}, "jumlah": {"jv": "jumlah.wav"}}
    path = write(services, "svc.yaml", with_audio(**audio))
    with caplog.at_level(logging.WARNING, logger="kiosk.catalogue.loader"):
        loaded = load_catalogue(services, recordings=recordings)
    assert list(loaded.services) == ["contoh-layanan"]
    assert loaded.problems == []
    assert [(w.path, w.field) for w in loaded.warnings] == [
        (str(path), "fields/0 (nik)/audio/en"),
        (str(path), "fields/3 (jumlah)/audio/jv"),
    ]
    assert "'en/nik.ogg' not found" in loaded.warnings[0].problem
    assert caplog.messages == [f"service definition: {w}" for w in loaded.warnings]
    assert all(r.levelno == logging.WARNING for r in caplog.records)
    assert str(path) in caplog.messages[0] and "fields/0 (nik)/audio/en" in caplog.messages[0]


def test_recordings_are_not_checked_without_their_directory(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    write(tmp_path, "svc.yaml", with_audio(nik={"id": "nowhere.ogg"}))
    with caplog.at_level(logging.WARNING):
        loaded = load_catalogue(tmp_path)
    assert list(loaded.services) == ["contoh-layanan"]
    assert (loaded.problems, loaded.warnings, caplog.messages) == ([], [], [])


def test_every_shipped_recording_is_there() -> None:
    loaded = load_catalogue(default_catalogue_dir(), recordings=default_catalogue_dir())
    assert loaded.warnings == []
