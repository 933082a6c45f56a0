"""Everything outside Python that the kiosk uses at run time comes from a Debian package
that scripts/bootstrap installs: one of its APT_PACKAGES, or in their Depends closure.

A Recommends does not count: bootstrap installs with --no-install-recommends, and that is
how speech-dispatcher came without its espeak-ng output module and the kiosk was silent
on every new machine. So each need below finds the file really used (`shutil.which`, the
module folder the voice check reads, `ldd` on the Qt plugins), asks dpkg which package
owns it, and checks that package against the list in the script, not against what
happens to be installed here.
"""

from __future__ import annotations

import glob
import os
import re
import shlex
import shutil
import subprocess
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import pytest

from kiosk.cli.voice_check import output_modules, qt_plugin
from kiosk.config.schema import OPTIONS_BY_KEY
from printing.pdf.fonts import DEJAVU_BOLD, DEJAVU_REGULAR

ROOT = Path(__file__).resolve().parents[1]
BOOTSTRAP = ROOT / "scripts" / "bootstrap"
PYSIDE = (qt_plugin() or Path("PySide6")).parents[3]  # .../site-packages/PySide6
# The Qt plugins the kiosk loads, each for a reason; their libraries are what ldd finds.
QT_PLUGINS = (
    "platforms/libqxcb.so",  # the screen (X11, and Xvfb for the demo)
    "platforms/libqoffscreen.so",  # the tests
    "xcbglintegrations/libqxcb-egl-integration.so",  # OpenGL on X11
    "xcbglintegrations/libqxcb-glx-integration.so",
    "platforminputcontexts/libqtvirtualkeyboardplugin.so",  # the on-screen keyboard
    "texttospeech/libqtexttospeech_speechd.so",  # the voice
    "multimedia/libffmpegmediaplugin.so",  # recorded audio
)
FOLLOWED = ("Depends", "PreDepends")  # what apt installs with --no-install-recommends
APT_DEPENDS = ["apt-cache", "depends", "--recurse", "--no-recommends", "--no-suggests"]
APT_DEPENDS += ["--no-conflicts", "--no-breaks", "--no-replaces", "--no-enhances"]

pytestmark = pytest.mark.skipif(shutil.which("dpkg") is None, reason="not a Debian system")


class Missing(Exception):
    """A file the kiosk needs is not on this machine at all."""


def program(name: str) -> Path:
    found = shutil.which(name)
    if found is None:
        raise Missing(f"{name} is not installed")
    return Path(found)


def existing(path: Path) -> Path:
    if not path.exists():
        raise Missing(f"{path} does not exist")
    return path


# -- what the kiosk uses -------------------------------------------------------


def voice_server() -> list[Path]:
    return [program("speech-dispatcher")]


def voice_module() -> list[Path]:
    module = output_modules().get("espeak-ng")
    if module is None:
        raise Missing("speech-dispatcher has no espeak-ng output module (sd_espeak-ng)")
    return [module]


def indonesian_voice_data() -> list[Path]:
    """The data of the library the module speaks with: <its folder>/espeak-ng-data."""
    (library,) = [lib for lib in linked_libraries(voice_module()[0]) if "libespeak-ng" in lib.name]
    data = library.resolve().parent / "espeak-ng-data"
    return [existing(data / "lang" / "poz" / "id"), existing(data / "id_dict")]


def qt_libraries() -> list[Path]:
    """The system libraries behind the Qt plugins above, the Python modules of PySide6
    our code imports, and the on-screen keyboard's QML plugins."""
    plugins = [existing(PYSIDE / "Qt" / "plugins" / plugin) for plugin in QT_PLUGINS]
    modules = [existing(PYSIDE / f"{name}.abi3.so") for name in imported_qt_modules()]
    keyboard = sorted((PYSIDE / "Qt" / "qml" / "QtQuick" / "VirtualKeyboard").rglob("*.so"))
    found: set[Path] = set()
    for binary in (*plugins, *modules, *keyboard):
        found.update(lib for lib in linked_libraries(binary) if PYSIDE not in lib.parents)
    return sorted(found)


def imported_qt_modules() -> set[str]:
    """QtCore, QtWidgets, ...: every PySide6 module named in kiosk, ui, printing, devices."""
    pattern = re.compile(r"PySide6\.(Qt\w+)|from PySide6 import ([\w, ]+)")
    names: set[str] = set()
    for folder in ("kiosk", "ui", "printing", "devices"):
        for source in (ROOT / folder).rglob("*.py"):
            for dotted, listed in pattern.findall(source.read_text()):
                names.update([dotted] if dotted else [n.strip() for n in listed.split(",")])
    return {name for name in names if name.startswith("Qt")}


def keyring() -> list[Path]:
    return [program("gnome-keyring-daemon")]


def session_bus() -> list[Path]:
    return [program("dbus-run-session"), program("dbus-daemon")]


def virtual_screen() -> list[Path]:
    return [program("xvfb-run"), program("Xvfb"), program("xauth")]


def postgres_for_tests() -> list[Path]:
    """As scripts/services.sh finds them: the newest /usr/lib/postgresql/*/bin."""
    folders = sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=lambda f: int(f.split("/")[4]))
    if not folders:
        raise Missing("no PostgreSQL server in /usr/lib/postgresql")
    bindir = Path(folders[-1])
    return [existing(bindir / name) for name in ("initdb", "pg_ctl", "postgres", "createdb")]


def fonts() -> list[Path]:
    """The PDFs embed these; the screens ask fontconfig for the same family."""
    return [existing(DEJAVU_REGULAR), existing(DEJAVU_BOLD)]


def sealed_keys() -> list[Path]:
    return [program("systemd-creds")]


def a4_printing() -> list[Path]:
    default = str(OPTIONS_BY_KEY["documents.print_command"].default)
    return [program(shlex.split(default)[0])]


NEEDS: dict[str, Callable[[], list[Path]]] = {
    "speech-dispatcher, the voice's server": voice_server,
    "speech-dispatcher's espeak-ng output module": voice_module,
    "espeak-ng's Indonesian voice data": indonesian_voice_data,
    "the libraries of the Qt plugins and modules": qt_libraries,
    "gnome-keyring, the OS keyring": keyring,
    "dbus-run-session, for scripts/with-keyring": session_bus,
    "xvfb-run, for the demo without a display": virtual_screen,
    "PostgreSQL's server programs, for the tests": postgres_for_tests,
    "the DejaVu fonts of the screens and PDFs": fonts,
    "systemd-creds, for keys sealed to the machine": sealed_keys,
    "the default documents.print_command (lp)": a4_printing,
}


# -- what dpkg and apt say (each asked once per run) --------------------------------


def linked_libraries(binary: Path) -> list[Path]:
    done = subprocess.run(["ldd", str(binary)], capture_output=True, text=True, check=True)
    missing = [line.split()[0] for line in done.stdout.splitlines() if "not found" in line]
    if missing:
        raise Missing(f"{binary.name} needs {', '.join(missing)}, which is not installed")
    return [
        Path(line.split("=>")[1].split()[0]) for line in done.stdout.splitlines() if "=> /" in line
    ]


@cache
def bootstrap_packages() -> frozenset[str]:
    """APT_PACKAGES as scripts/test gets them (with PostgreSQL)."""
    env = dict(os.environ, WITH_POSTGRES="1")
    done = subprocess.run(
        ["bash", str(BOOTSTRAP), "--list-packages"], env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    return frozenset(done.stdout.split())


@cache
def installed_closure() -> frozenset[str]:
    """Every package apt must install for APT_PACKAGES without recommends: their Depends
    and Pre-Depends, recursively; of alternatives only the first (apt's choice on a
    fresh machine), of a virtual package its provider when it has only one."""
    roots = sorted(bootstrap_packages())
    done = subprocess.run([*APT_DEPENDS, *roots], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    graph = dependency_graph(done.stdout)
    closure: set[str] = set()
    todo = list(roots)
    while todo:
        package = todo.pop()
        if package not in closure:
            closure.add(package)
            todo.extend(graph.get(package, []))
    return frozenset(closure)


@dataclass
class Requirement:
    """The first package of one Depends line (of its alternatives, apt's choice)."""

    name: str
    providers: list[str] = field(default_factory=list)  # when `name` is virtual

    def surely(self) -> str:
        """The package certainly installed for it ("" for a virtual one with a choice)."""
        if self.name.startswith("<"):
            return self.providers[0] if len(self.providers) == 1 else ""
        return bare(self.name)


def dependency_graph(output: str) -> dict[str, list[str]]:
    """apt-cache depends output -> package: the packages it surely pulls in.

    Lines are `package`, then ` KIND: name` (` |KIND:` when the next line is an
    alternative to it) and, under a virtual `<name>`, its providers indented by four.
    """
    graph: dict[str, list[Requirement]] = {}
    package, alternative_open, last = "", False, None
    for line in output.splitlines():
        entry = re.match(r"^ ([ |])(\w+): (\S+)$", line)
        if not line.startswith(" "):
            package, alternative_open, last = bare(line), False, None
            graph.setdefault(package, [])
        elif entry:
            first_of_group = not alternative_open
            alternative_open = entry.group(1) == "|"
            followed = first_of_group and entry.group(2) in FOLLOWED
            last = Requirement(entry.group(3)) if followed else None
            if last is not None:
                graph[package].append(last)
        elif last is not None:
            last.providers.append(bare(line))
    return {name: [r.surely() for r in needs if r.surely()] for name, needs in graph.items()}


def bare(name: str) -> str:
    return name.strip().strip("<>").split(":")[0]


@cache
def essential_packages() -> frozenset[str]:
    """Essential: yes packages are on every Debian system, whatever bootstrap installs."""
    done = subprocess.run(
        ["dpkg-query", "-W", "-f", "${Package}\t${Essential}\n"], capture_output=True, text=True
    )
    rows = (line.split("\t") for line in done.stdout.splitlines())
    return frozenset(name for name, essential in rows if essential == "yes")


def owners(paths: list[Path]) -> dict[Path, str]:
    """The package that installed each of `paths` ("" for none), from one dpkg -S."""
    spelled = {path: list(dict.fromkeys(spellings(path))) for path in paths}
    queried = sorted({name for names in spelled.values() for name in names})
    done = subprocess.run(["dpkg", "-S", *queried], capture_output=True, text=True)
    listed: dict[str, str] = {}
    for line in done.stdout.splitlines():
        packages, _, name = line.partition(": ")
        if not line.startswith("diversion"):
            listed[name] = bare(packages.split(",")[0])
    return {
        path: next((listed[n] for n in names if n in listed), "") for path, names in spelled.items()
    }


def spellings(path: Path) -> list[str]:
    """`path` as given and resolved, each also with and without /usr (merged /usr)."""
    names = []
    for one in (str(path), str(path.resolve())):
        names.append(one)
        names.append(one.removeprefix("/usr") if one.startswith("/usr/") else "/usr" + one)
    return names


# -- the check ---------------------------------------------------------------------


@pytest.mark.parametrize("need", NEEDS)
def test_what_the_kiosk_uses_is_installed_by_bootstrap(need: str) -> None:
    try:
        files = NEEDS[need]()
    except Missing as missing:
        pytest.fail(f"{need}: {missing}; scripts/bootstrap must install it")
    assert files, need
    given = installed_closure() | essential_packages()
    wrong = []
    for path, package in owners(files).items():
        if not package:
            wrong.append(f"{path} belongs to no Debian package (installed by hand?)")
        elif package not in given:
            wrong.append(f"{path} is from {package}")
    assert not wrong, (
        f"{need}: " + "; ".join(wrong) + ". Add the package to APT_PACKAGES in "
        "scripts/bootstrap: it is neither there nor in their Depends (a Recommends does not "
        "count, bootstrap installs with --no-install-recommends)."
    )


def test_the_closure_follows_depends_only():
    """The espeak-ng module is only recommended by speech-dispatcher: without its own line
    in APT_PACKAGES it would not be installed, and the check must see that."""
    done = subprocess.run(
        [*APT_DEPENDS, "speech-dispatcher"], capture_output=True, text=True, check=True
    )
    graph = dependency_graph(done.stdout)
    assert "speech-dispatcher-espeak-ng" not in graph["speech-dispatcher"]
    assert "libspeechd2" in graph["speech-dispatcher"]


def test_alternatives_and_virtual_packages_count_only_when_certain():
    output = "\n".join(
        [
            "gnome-keyring",
            "  Depends: libc6",
            " |Depends: <default-dbus-session-bus>",
            "    dbus-user-session",
            "  Depends: <dbus-session-bus>",
            "    dbus-user-session",
            "    dbus-x11",
            " |Depends: fonts-dejavu-core",
            "  Depends: fonts-freefont-ttf",
            "  Recommends: gnome-keyring-pkcs11",
            "  PreDepends: dpkg",
        ]
    )
    assert dependency_graph(output)["gnome-keyring"] == [
        "libc6",
        "dbus-user-session",  # the first alternative, virtual with one provider
        "fonts-dejavu-core",  # the first alternative only
        "dpkg",
    ]
