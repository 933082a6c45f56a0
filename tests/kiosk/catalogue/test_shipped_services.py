"""The nine shipped village services load cleanly and read like the real ones."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from stdnum import numdb

from kiosk.catalogue.checks import choice_variables
from kiosk.catalogue.loader import CatalogueLoad, load_catalogue
from kiosk.catalogue.model import ASKED_TYPES, FieldType, Handler, Output, ServiceDefinition
from kiosk.catalogue.paths import default_catalogue_dir
from kiosk.documents.answers import answer_rows, printable_answers
from printing.pdf.letter_templates import fill_letter

SERVICES = {
    "surat-keterangan-domisili": (Handler.VILLAGE, Output.LETTER),
    "surat-keterangan-tidak-mampu": (Handler.VILLAGE, Output.LETTER),
    "surat-keterangan-usaha": (Handler.VILLAGE, Output.LETTER),
    "surat-pengantar-skck": (Handler.CENTRAL, Output.LETTER),
    "surat-keterangan-kelahiran": (Handler.CENTRAL, Output.LETTER),
    "surat-keterangan-kematian": (Handler.CENTRAL, Output.LETTER),
    "surat-pengantar-pindah": (Handler.CENTRAL, Output.LETTER),
    "perubahan-data-kk": (Handler.CENTRAL, Output.RECEIPT),
    "perekaman-ektp": (Handler.CENTRAL, Output.RECEIPT),
}
TODAY = date(2026, 3, 15)


@pytest.fixture(scope="module")
def catalogue() -> CatalogueLoad:
    return load_catalogue(default_catalogue_dir())


@pytest.fixture(params=sorted(SERVICES))
def service(request: pytest.FixtureRequest, catalogue: CatalogueLoad) -> ServiceDefinition:
    return catalogue.services[request.param]


def test_all_nine_load_without_problems(catalogue: CatalogueLoad) -> None:
    assert catalogue.problems == []
    assert sorted(catalogue.services) == sorted(SERVICES)


def test_each_says_what_to_bring_when_and_who(service: ServiceDefinition) -> None:
    assert service.requirements
    assert all(text["id"].strip() and text.get("en") for text in service.requirements)
    assert service.processing_days > 0
    assert (service.handler, service.output) == SERVICES[service.id]
    assert service.agency["id"]
    assert (service.letter_template is not None) == (service.output is Output.LETTER)


def test_every_text_is_indonesian_first_with_english(service: ServiceDefinition) -> None:
    assert service.title["id"] and service.title["en"]
    assert service.description["id"] and service.description["en"]
    for field in service.fields:
        assert field.label["id"].strip(), field.name
        assert field.label.get("en"), field.name
        assert all(choice.label["id"].strip() for choice in field.choices)
        if field.constraint is not None:
            assert field.constraint_message["id"] and field.constraint_message["en"]


def test_each_starts_with_the_applicants_nik(service: ServiceDefinition) -> None:
    assert service.fields[0].type is FieldType.NIK
    assert service.fields[0].required
    assert any(f.type is FieldType.PHONE for f in service.fields)


@pytest.mark.parametrize(
    "name", ["surat-keterangan-domisili", "surat-keterangan-tidak-mampu", "surat-keterangan-usaha"]
)
def test_letters_have_the_answers_their_templates_read(catalogue: CatalogueLoad, name: str) -> None:
    """printing/pdf/letter_templates.py reads these answer names."""
    names = {field.name for field in catalogue.services[name].fields}
    assert {"nama", "nik", "tempat_lahir", "tanggal_lahir", "alamat", "keperluan"} <= names
    if name == "surat-keterangan-usaha":
        assert {"nama_usaha", "jenis_usaha", "alamat_usaha", "mulai_usaha"} <= names


def test_central_agencies_are_the_right_offices(catalogue: CatalogueLoad) -> None:
    assert "Polres" in catalogue.services["surat-pengantar-skck"].agency["id"]
    for name in SERVICES:
        service = catalogue.services[name]
        if service.handler is Handler.CENTRAL and name != "surat-pengantar-skck":
            assert "Disdukcapil" in service.agency["id"]
            assert service.queue_service == "A"


def visible(service: ServiceDefinition, name: str, answers: dict[str, Any]) -> bool:
    relevant = service.field(name).relevant
    return relevant is None or relevant.evaluate({"today": TODAY, **answers}) is True


def allowed(service: ServiceDefinition, name: str, value: Any, **answers: Any) -> bool:
    constraint = service.field(name).constraint
    assert constraint is not None
    return constraint.evaluate({"today": TODAY, "value": value, **answers}) is True


def test_pindah_cascades_from_province_to_regency(catalogue: CatalogueLoad) -> None:
    pindah = catalogue.services["surat-pengantar-pindah"]
    regency = pindah.field("kabupaten_tujuan")
    assert regency.choice_filter is not None

    def regencies(province: str) -> list[str]:
        answers = {"today": TODAY, "provinsi_tujuan": province}
        return [
            choice.value
            for choice in regency.choices
            if regency.choice_filter.evaluate({**answers, "choice": choice_variables(choice)})
        ]

    assert regencies("34") == ["3404", "3471", "lainnya"]
    assert set(regencies("32")) == {"3201", "3204", "3273", "3275", "lainnya"}
    assert visible(pindah, "kabupaten_tujuan", {"provinsi_tujuan": "32"})
    assert not visible(pindah, "kabupaten_tujuan", {"provinsi_tujuan": "lainnya"})
    assert visible(pindah, "daerah_tujuan_lainnya", {"provinsi_tujuan": "lainnya"})


def test_pindah_every_province_offers_another_regency_to_type(catalogue: CatalogueLoad) -> None:
    """A citizen moving to a regency not listed (e.g. Garut) must not pick a wrong one:
    each province offers "another regency or city", which asks for its name."""
    pindah = catalogue.services["surat-pengantar-pindah"]
    regency = pindah.field("kabupaten_tujuan")
    assert regency.choice_filter is not None
    other = regency.choices[-1]
    assert other.value == "lainnya"
    assert {"id", "en", "jv"} <= set(other.label)
    for province in pindah.field("provinsi_tujuan").choices:
        if province.value == "lainnya":
            continue
        answers = {"provinsi_tujuan": province.value, "choice": choice_variables(other)}
        assert regency.choice_filter.evaluate(answers) is True, province.value
    typed = pindah.field("kabupaten_tujuan_lainnya")
    assert typed.type is FieldType.TEXT and typed.required
    assert visible(pindah, "kabupaten_tujuan_lainnya", {"kabupaten_tujuan": "lainnya"})
    assert not visible(pindah, "kabupaten_tujuan_lainnya", {"kabupaten_tujuan": "3273"})
    assert not visible(pindah, "kabupaten_tujuan_lainnya", {"kabupaten_tujuan": None})
    assert not visible(pindah, "daerah_tujuan_lainnya", {"provinsi_tujuan": "32"})


def test_pindah_letter_prints_the_typed_regency(catalogue: CatalogueLoad) -> None:
    pindah = catalogue.services["surat-pengantar-pindah"]
    answers = {
        "nama": "Siti Aminah",
        "nik": "3273011708850001",
        "no_kk": "3273011505100003",
        "alasan_pindah": "pekerjaan",
        "jenis_kepindahan": "sendiri",
        "provinsi_tujuan": "32",
        "kabupaten_tujuan": "lainnya",
        "kabupaten_tujuan_lainnya": "Kabupaten Garut",
        "alamat_tujuan": "Jl. Ciledug 12",
        "tanggal_pindah": "2026-04-01",
    }
    for language, province in (("id", "Jawa Barat"), ("en", "West Java")):
        filled = fill_letter(
            "surat-pengantar-pindah", printable_answers(pindah, answers, language), language
        )
        shown = " ".join(value for _label, value in filled.details)
        assert f"Jl. Ciledug 12, Kabupaten Garut, {province}" in shown
        assert "lain" not in shown and "Another" not in shown
    proof = dict(answer_rows(pindah, answers, "id"))
    assert proof["Kabupaten / kota tujuan"] == "Kabupaten Garut"


def test_pindah_regencies_are_real_codes_of_their_province(catalogue: CatalogueLoad) -> None:
    pindah = catalogue.services["surat-pengantar-pindah"]
    provinces = {c.value for c in pindah.field("provinsi_tujuan").choices}
    for choice in pindah.field("kabupaten_tujuan").choices:
        if choice.value == "lainnya":  # another regency, typed in
            assert not choice.filters
            continue
        assert choice.filters["province"] in provinces
        assert choice.value[:2] == choice.filters["province"]
        assert numdb.get("id/loc").info(choice.value)[1][1], choice.value


def test_skip_logic_and_constraints_of_some_services(catalogue: CatalogueLoad) -> None:
    usaha = catalogue.services["surat-keterangan-usaha"]
    assert visible(usaha, "jenis_usaha_lainnya", {"jenis_usaha": "lainnya"})
    assert not visible(usaha, "jenis_usaha_lainnya", {"jenis_usaha": "warung"})
    assert not allowed(usaha, "mulai_usaha", TODAY + timedelta(days=1))
    kematian = catalogue.services["surat-keterangan-kematian"]
    assert allowed(kematian, "tanggal_kematian", TODAY)
    assert not allowed(kematian, "tanggal_kematian", TODAY + timedelta(days=1))
    assert visible(kematian, "catatan_terlambat", {"tanggal_kematian": date(2026, 1, 2)})
    skck = catalogue.services["surat-pengantar-skck"]
    assert not allowed(skck, "tanggal_lahir", date(2010, 1, 1))
    assert allowed(skck, "tanggal_lahir", date(2009, 3, 15))


def test_ektp_recording_needs_seventeen_years_or_marriage(catalogue: CatalogueLoad) -> None:
    ektp = catalogue.services["perekaman-ektp"]
    usia = ektp.field("usia").calculation
    assert usia is not None
    young = usia.evaluate({"today": TODAY, "tanggal_lahir": date(2010, 1, 1)})
    assert young == 16
    assert not allowed(ektp, "status_kawin", "belum_kawin", usia=young)
    assert allowed(ektp, "status_kawin", "kawin", usia=young)
    assert allowed(ektp, "status_kawin", "belum_kawin", usia=17)


def test_kk_changes_ask_only_about_what_changes(catalogue: CatalogueLoad) -> None:
    kk = catalogue.services["perubahan-data-kk"]
    chosen = {"jenis_perubahan": ["pekerjaan"]}
    assert visible(kk, "pekerjaan_baru", chosen)
    assert not visible(kk, "pendidikan_baru", chosen)
    assert not visible(kk, "pekerjaan_baru", {"jenis_perubahan": None})


def test_asked_fields_are_most_fields(service: ServiceDefinition) -> None:
    asked = [field for field in service.fields if field.type in ASKED_TYPES]
    assert 6 <= len(asked) <= 20


def test_loaded_texts_are_read_only(catalogue: CatalogueLoad) -> None:
    """Every wizard shares one loaded definition: a text changed in place would leak into
    the next citizen's form (and into the next test)."""
    definition = catalogue.services["surat-keterangan-domisili"]
    field = definition.fields[0]
    with pytest.raises(TypeError):
        field.label["id"] = "diubah"  # type: ignore[index]
    with pytest.raises(TypeError):
        definition.title["jv"] = "diubah"  # type: ignore[index]
    with pytest.raises(TypeError):
        definition.requirements[0]["id"] = "diubah"  # type: ignore[index]
