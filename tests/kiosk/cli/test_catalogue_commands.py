"""`kiosk services check`: what a technician sees of the service definitions."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from kiosk.catalogue.paths import default_catalogue_dir
from kiosk.cli.main import main


def test_the_shipped_services_all_load(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["services", "check"]) == 0
    out = capsys.readouterr().out
    assert out.count("\nok ") + out.startswith("ok ") == 9
    assert "9 services loaded, 0 warnings, 0 refused" in out


def test_a_broken_file_is_named_with_its_field_and_the_others_still_load(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shutil.copy(default_catalogue_dir() / "perekaman-ektp.yaml", tmp_path)
    data = yaml.safe_load((default_catalogue_dir() / "surat-keterangan-usaha.yaml").read_text())
    data["fields"][1]["type"] = "telepati"
    data["fields"][0]["audio"] = {"id": "tidak-ada.ogg"}
    (tmp_path / "surat-keterangan-usaha.yaml").write_text(yaml.safe_dump(data))
    good = yaml.safe_load((default_catalogue_dir() / "surat-keterangan-domisili.yaml").read_text())
    good["fields"][0]["audio"] = {"id": "nik.ogg"}
    (tmp_path / "surat-keterangan-domisili.yaml").write_text(yaml.safe_dump(good))

    assert main(["services", "check", str(tmp_path)]) == 1
    out = capsys.readouterr().out
    name = data["fields"][1]["name"]
    assert f"error    {tmp_path / 'surat-keterangan-usaha.yaml'}: fields/1 ({name})/type" in out
    assert "ok       perekaman-ektp" in out and "ok       surat-keterangan-domisili" in out
    assert "warning  " in out and "nik.ogg" in out  # a recording the kiosk cannot play
    assert "2 services loaded, 1 warnings, 1 refused" in out


def test_refused_counts_files_not_their_problems(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for name in ("surat-keterangan-usaha", "surat-keterangan-domisili", "perekaman-ektp"):
        data = yaml.safe_load((default_catalogue_dir() / f"{name}.yaml").read_text())
        data["fields"][1]["type"] = "telepati"
        data["fields"][2]["type"] = "telekinesis"
        (tmp_path / f"{name}.yaml").write_text(yaml.safe_dump(data))
    shutil.copy(default_catalogue_dir() / "surat-pengantar-skck.yaml", tmp_path)

    assert main(["services", "check", str(tmp_path)]) == 1
    out = capsys.readouterr().out
    assert out.count("error    ") == 6  # two problems in each broken file
    assert "1 services loaded, 0 warnings, 3 refused" in out
