"""Service definitions for wizard and submission tests, loaded through the real loader."""

from __future__ import annotations

from kiosk.catalogue.loader import load_definition_text
from kiosk.catalogue.model import ServiceDefinition

# Valid NIKs (python-stdnum accepts them): Kota Bandung (3273), born 17-08-1985.
MALE_NIK = "3273011708850001"  # day 17: a man
FEMALE_NIK = "3273015708850002"  # day 17 + 40: a woman
KK_NUMBER = "3273011505100003"

# Every field type, skip logic, a cascade, a calculation, a hidden value, a note.
TEST_SERVICE = """
id: layanan-uji
version: 3
title: {id: Layanan Uji, en: Test Service}
description: {id: Layanan untuk pengujian., en: A service for tests.}
processing_days: 2
handler: village
agency: {id: Kantor Desa, en: Village Office}
output: receipt
requirements:
  - {id: Fotokopi KTP-el, en: Copy of the ID card}
  - {id: Surat pengantar RT/RW, en: Cover letter from the RT/RW}
fields:
  - name: sambutan
    type: note
    label: {id: Selamat datang., en: Welcome.}
  - name: nik
    type: nik
    label: {id: NIK pemohon, en: Applicant's NIK}
    hint: {id: 16 angka pada KTP-el., en: The 16 digits on the ID card.}
    staff_hint: {id: Cocokkan dengan KTP asli., en: Compare with the original card.}
    required: true
  - name: nama
    type: text
    label: {id: Nama lengkap, en: Full name}
    required: true
    required_message: {id: Nama wajib diisi., en: The name is required.}
    constraint: size(value) >= 3
    constraint_message: {id: Nama terlalu pendek.}
  - name: tanggal_lahir
    type: date
    label: {id: Tanggal lahir, en: Date of birth}
    required: true
    constraint: value <= today
    constraint_message:
      id: Tanggal lahir tidak boleh di masa depan.
      en: The date of birth cannot be in the future.
  - name: jenis_kelamin
    type: select_one
    label: {id: Jenis kelamin, en: Sex}
    required: true
    choices:
      - {value: L, label: {id: Laki-laki, en: Male}}
      - {value: P, label: {id: Perempuan, en: Female}}
  - name: umur
    type: calculate
    label: {id: Umur, en: Age}
    calculation: "tanggal_lahir == null ? null : age(tanggal_lahir, today)"
  - name: no_kk
    type: kk_number
    label: {id: Nomor KK, en: Family card number}
  - name: no_hp
    type: phone
    label: {id: Nomor HP, en: Mobile number}
  - name: provinsi
    type: select_one
    label: {id: Provinsi, en: Province}
    required: true
    choices:
      - {value: "32", label: {id: Jawa Barat}}
      - {value: "33", label: {id: Jawa Tengah}}
  - name: kabupaten
    type: select_one
    label: {id: Kabupaten/Kota, en: Regency or city}
    required: true
    choice_filter: choice.province == provinsi
    choices:
      - {value: "3273", label: {id: Kota Bandung}, filters: {province: "32"}}
      - {value: "3201", label: {id: Kabupaten Bogor}, filters: {province: "32"}}
      - {value: "3374", label: {id: Kota Semarang}, filters: {province: "33"}}
  - name: punya_usaha
    type: select_one
    label: {id: Apakah Anda punya usaha?, en: Do you run a business?}
    required: true
    choices:
      - {value: ya, label: {id: Ya, en: "Yes"}}
      - {value: tidak, label: {id: Tidak, en: "No"}}
  - name: nama_usaha
    type: text
    label: {id: Nama usaha, en: Business name}
    required: true
    relevant: punya_usaha == "ya"
  - name: jumlah_pegawai
    type: integer
    label: {id: Jumlah pegawai, en: Number of employees}
    relevant: punya_usaha == "ya"
    default: "1"
    constraint: value >= 0 && value <= 500
    constraint_message: {id: Isi angka 0 sampai 500., en: Enter a number from 0 to 500.}
  - name: luas_tanah
    type: decimal
    label: {id: Luas tanah (hektare), en: Land area (hectares)}
  - name: dokumen
    type: select_multiple
    label: {id: Dokumen yang dibawa, en: Documents brought}
    choices:
      - {value: ktp, label: {id: KTP-el, en: ID card}}
      - {value: kk, label: {id: Kartu Keluarga, en: Family card}}
  - name: kanal
    type: hidden
    label: {id: Kanal}
    default: anjungan
  - name: pernyataan
    type: acknowledge
    label: {id: Data yang saya isi benar., en: The data I gave is true.}
"""


def sample_definition(text: str = TEST_SERVICE) -> ServiceDefinition:
    return load_definition_text(text, "layanan-uji.yaml")


def small_definition(service_id: str, fields: str) -> ServiceDefinition:
    """A receipt-only service of just `fields` (YAML list items, each line indented by
    two spaces), for a test about one or two questions."""
    return load_definition_text(small_definition_text(service_id, fields), f"{service_id}.yaml")


def small_definition_text(service_id: str, fields: str) -> str:
    """The text of `small_definition(service_id, fields)`, e.g. to write as a file."""
    return f"""
id: {service_id}
version: 1
title: {{id: Uji {service_id}}}
description: {{id: Uji}}
processing_days: 0
handler: village
agency: {{id: Desa}}
output: receipt
requirements: []
fields:
{fields}"""


def doubling_fields(first: str, count: int) -> str:
    """Fields for `small_definition`: calculate fields `f1`..`f<count>`, each the one
    before concatenated with itself, after `first` (fields naming `f0`)."""
    doubled = [
        f"  - {{name: f{n}, type: calculate, label: {{id: F}}, calculation: f{n - 1} + f{n - 1}}}"
        for n in range(1, count + 1)
    ]
    return "\n".join([first, *doubled])


def list_literal(length: int) -> str:
    """A CEL list of `length` zeros, e.g. "[0,0,0]"."""
    return "[" + ",".join(["0"] * length) + "]"
