"""A cascade (choice_filter) that leaves its question with no choice for some answer of
the question it follows is refused when the definition is loaded."""

from __future__ import annotations

import copy
from typing import Any

import pytest
import yaml

from kiosk.catalogue.checks import cascade_problems
from kiosk.catalogue.errors import DefinitionError
from kiosk.catalogue.loader import load_catalogue, load_definition_text
from kiosk.catalogue.paths import default_catalogue_dir
from tests.kiosk.catalogue.test_schema import MINIMAL

REGENCY = 3  # the index of the cascaded question in CASCADE

CASCADE: dict[str, Any] = {
    **{key: value for key, value in MINIMAL.items() if key != "fields"},
    "id": "contoh-pindah",
    "fields": [
        {"name": "nik", "type": "nik", "label": {"id": "NIK"}, "required": True},
        {"name": "pindah", "type": "acknowledge", "label": {"id": "Saya pindah"}},
        {
            "name": "provinsi",
            "type": "select_one",
            "label": {"id": "Provinsi"},
            "required": True,
            "choices": [
                {"value": "32", "label": {"id": "Jawa Barat"}},
                {"value": "33", "label": {"id": "Jawa Tengah"}},
                {"value": "51", "label": {"id": "Bali"}},
            ],
        },
        {
            "name": "kabupaten",
            "type": "select_one",
            "label": {"id": "Kabupaten/kota"},
            "required": True,
            "choice_filter": "choice.province == provinsi",
            "choices": [
                {"value": "3273", "label": {"id": "Kota Bandung"}, "filters": {"province": "32"}},
                {"value": "3374", "label": {"id": "Kota Semarang"}, "filters": {"province": "33"}},
            ],
        },
    ],
}


def cascade(**changes: Any) -> dict[str, Any]:
    """CASCADE, whose Bali (51) lists no regency, with `changes` to the regency question."""
    data = copy.deepcopy(CASCADE)
    data["fields"][REGENCY].update(changes)
    return data


def problems_of(data: dict[str, Any]) -> list[str]:
    with pytest.raises(DefinitionError) as raised:
        load_definition_text(yaml.safe_dump(data), "contoh-pindah.yaml")
    return [f"{p.field}: {p.problem}" for p in raised.value.problems]


def loads(data: dict[str, Any]) -> bool:
    return load_definition_text(yaml.safe_dump(data)).id == "contoh-pindah"


def test_a_province_without_regencies_is_refused_naming_the_field() -> None:
    assert problems_of(cascade()) == [
        "fields/3 (kabupaten)/choice_filter: choice '51' of 'provinsi' leaves no choice here"
    ]


def test_each_province_left_without_choices_is_named() -> None:
    data = cascade()
    data["fields"][REGENCY]["choices"][1]["filters"] = {"province": "32"}
    problems = problems_of(data)
    assert [p.split("'")[1] for p in problems] == ["33", "51"]


def test_an_other_choice_kept_for_every_province_fills_the_gap() -> None:
    other = {"value": "lainnya", "label": {"id": "Kabupaten/kota lain di provinsi ini"}}
    choices = [*CASCADE["fields"][REGENCY]["choices"], other]
    filter_ = 'choice.value == "lainnya" || choice.province == provinsi'
    assert loads(cascade(choices=choices, choice_filter=filter_))


def test_an_answer_for_which_the_question_is_not_asked_is_not_a_problem() -> None:
    assert loads(cascade(relevant='provinsi != null && provinsi != "51"'))
    problems = problems_of(cascade(relevant='provinsi != "33"'))
    assert problems == [
        "fields/3 (kabupaten)/choice_filter: choice '51' of 'provinsi' leaves no choice here"
    ]


def test_a_multiple_choice_question_is_checked_too() -> None:
    assert problems_of(cascade(type="select_multiple"))[0].endswith(
        "choice '51' of 'provinsi' leaves no choice here"
    )


@pytest.mark.parametrize(
    ("changes", "why"),
    [
        ({"choice_filter": 'choice.province == provinsi || nik == "x"'}, "reads another field"),
        ({"relevant": "pindah == true"}, "asked depending on another field"),
        ({"choice_filter": "choice.province == provinsi && today.getFullYear() > 2000"}, "today"),
    ],
)
def test_what_cannot_be_decided_exactly_is_not_checked(changes: dict[str, str], why: str) -> None:
    assert loads(cascade(**changes)), why


def test_a_filtered_or_multiple_parent_is_not_checked() -> None:
    data = cascade()
    data["fields"][2]["choice_filter"] = 'choice.value != "51" || nik != null'
    assert loads(data)
    data = cascade(choice_filter="provinsi != null && choice.province in provinsi")
    data["fields"][2]["type"] = "select_multiple"
    assert loads(data)


def test_every_shipped_service_loads_and_no_cascade_runs_dry() -> None:
    loaded = load_catalogue(default_catalogue_dir())
    assert loaded.problems == []
    assert len(loaded.services) == 9
    for service in loaded.services.values():
        assert cascade_problems(service) == [], service.id
