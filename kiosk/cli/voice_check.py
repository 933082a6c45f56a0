"""The kiosk's voice checked end to end, as `kiosk run` will use it: speech-dispatcher,
Qt's plugin for it, an output module, the engine really starting, an Indonesian voice.

`kiosk doctor` prints the findings; `kiosk run` runs the same check on a thread of its own
(`StartupVoiceCheck`), logs a problem with its fix for the technician and shows staff a
notice. The engine is a private server (`kiosk.cli.speech_server`), bounded in time.
"""

from __future__ import annotations

import importlib.util
import logging
import os
import shutil
import subprocess
import sysconfig
import tempfile
import threading
from collections.abc import Callable
from pathlib import Path

from kiosk.cli.findings import Finding, not_checked, ok, problem
from kiosk.cli.speech_server import (
    Cancelled,
    ServerHung,
    ServerStopped,
    SsipClient,
    SsipError,
    private_server,
)
from kiosk.i18n import N_

log = logging.getLogger(__name__)

PROGRAM = "speech-dispatcher"
PREFERRED_MODULE = "espeak-ng"  # the one with an Indonesian voice, offline
MODULE_PACKAGE = "speech-dispatcher-espeak-ng"  # a Recommends of speech-dispatcher
VOICE_DATA_PACKAGE = "espeak-ng-data"
IGNORED_MODULES = frozenset({"dummy", "generic"})  # dummy says nothing useful; generic
# needs a configuration of its own (an AddModule line) before it is a module at all
QT_PLUGIN = Path("Qt", "plugins", "texttospeech", "libqtexttospeech_speechd.so")
LIBRARY_PACKAGES = {"libspeechd.so.2": "libspeechd2"}
START_SECONDS = 15.0  # the espeak-ng module starts slowly on a busy 2-core PC
REPLY_SECONDS = 10.0  # for all the questions together

WHAT_PROGRAM = N_("speech-dispatcher")
WHAT_PLUGIN = N_("Qt speech engine")
WHAT_MODULE = N_("output module")
WHAT_ENGINE = N_("engine start")
WHAT_VOICE = N_("Indonesian voice")
FOUND_AT = N_("found at %(path)s")
INSTALL = N_("Install the Debian package %(package)s: sudo apt-get install %(package)s")
RESTART = N_(
    "Restart the PC. If it happens again, reinstall speech-dispatcher and "
    "speech-dispatcher-espeak-ng (sudo apt-get install --reinstall ...)."
)
NOT_STARTED = N_("the engine did not start")
LOCALE_FIX = N_(
    "speech-dispatcher refuses a locale this PC does not have (LANG, LC_ALL or "
    "LC_MESSAGES): add it with locale-gen, or unset the variable."
)


def check_voice(cancel: threading.Event | None = None) -> list[Finding]:
    """Every voice check in order; a check that needs a failed one is `not checked`.
    Raises Cancelled when `cancel` is set while it runs."""
    cancel = cancel or threading.Event()
    program = shutil.which(PROGRAM)
    if program is None:
        missing = N_("speech-dispatcher is not installed, so the kiosk cannot speak.")
        after = N_("speech-dispatcher is missing")
        return [
            problem(WHAT_PROGRAM, missing, INSTALL, package=PROGRAM),
            plugin_finding(),
            not_checked(WHAT_MODULE, after),
            not_checked(WHAT_ENGINE, after),
            not_checked(WHAT_VOICE, after),
        ]
    findings = [ok(WHAT_PROGRAM, FOUND_AT, path=program), plugin_finding()]
    findings.append(module_finding(output_modules()))
    return findings + engine_findings(program, cancel)


def first_problem(findings: list[Finding]) -> Finding | None:
    return next((finding for finding in findings if finding.problem), None)


# -- files -------------------------------------------------------------------


def module_folders() -> list[Path]:
    """Where speech-dispatcher looks for its output modules (sd_NAME programs)."""
    folders = []
    arch = sysconfig.get_config_var("MULTIARCH")
    if arch:
        folders.append(Path("/usr/lib", arch, "speech-dispatcher-modules"))
    folders += [
        Path("/usr/lib/speech-dispatcher-modules"),
        Path("/usr/libexec/speech-dispatcher-modules"),
    ]
    return folders


def output_modules() -> dict[str, Path]:
    """Module name -> its program, the first of each name in `module_folders` order."""
    modules: dict[str, Path] = {}
    for folder in module_folders():
        for path in sorted(folder.glob("sd_*")) if folder.is_dir() else []:
            name = path.name.removeprefix("sd_")
            if name not in IGNORED_MODULES and os.access(path, os.X_OK):
                modules.setdefault(name, path)
    return modules


def qt_plugin() -> Path | None:
    """Qt's speech-dispatcher plugin in the installed PySide6, or None without PySide6."""
    spec = importlib.util.find_spec("PySide6")
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations)), QT_PLUGIN)


def missing_libraries(path: Path) -> list[str]:
    """The shared libraries `path` needs that the dynamic linker cannot find (ldd)."""
    try:
        done = subprocess.run(["ldd", str(path)], capture_output=True, text=True, timeout=10)
    except (OSError, subprocess.TimeoutExpired):
        return []  # no ldd: the engine start below still tells
    return [line.split()[0] for line in done.stdout.splitlines() if "not found" in line]


def plugin_finding() -> Finding:
    plugin = qt_plugin()
    if plugin is None or not plugin.is_file():
        return problem(
            WHAT_PLUGIN,
            N_("PySide6 has no speech-dispatcher plugin (%(path)s)."),
            N_("Reinstall the kiosk with scripts/bootstrap."),
            path=str(plugin or "PySide6"),
        )
    missing = missing_libraries(plugin)
    if missing:
        packages = sorted({LIBRARY_PACKAGES.get(name, "") for name in missing} - {""})
        fix = INSTALL if packages else N_("Run scripts/bootstrap: it installs what Qt needs.")
        return problem(
            WHAT_PLUGIN,
            N_("Qt's speech-dispatcher plugin cannot load: %(libraries)s missing."),
            fix,
            libraries=", ".join(missing),
            package=" ".join(packages),
        )
    return ok(WHAT_PLUGIN, FOUND_AT, path=str(plugin))


def module_finding(modules: dict[str, Path]) -> Finding:
    if not modules:
        return problem(
            WHAT_MODULE,
            N_(
                "speech-dispatcher has no output module (none in %(folders)s), so it "
                'stops at start ("No speech output modules were loaded") and the kiosk '
                "is silent."
            ),
            INSTALL,
            folders=", ".join(str(folder) for folder in module_folders()),
            package=MODULE_PACKAGE,
        )
    names = ", ".join(f"{name} ({path})" for name, path in modules.items())
    return ok(WHAT_MODULE, N_("found: %(modules)s"), modules=names)


# -- the engine --------------------------------------------------------------


def engine_findings(program: str, cancel: threading.Event) -> list[Finding]:
    with (
        tempfile.TemporaryDirectory(prefix="anjungan-voice-") as folder,
        private_server(program, Path(folder)) as server,
    ):
        try:
            server.wait_until_listening(START_SECONDS, cancel)
            modules, module, voices = ask_engine(server.socket_path, cancel)
        except (ServerStopped, ServerHung, SsipError) as error:
            return [engine_problem(error), not_checked(WHAT_VOICE, NOT_STARTED)]
    answers = N_("speech-dispatcher answers (modules: %(modules)s).")
    started = ok(WHAT_ENGINE, answers, modules=", ".join(modules) or "-")
    return [started, voice_finding(module, voices)]


def engine_problem(error: ServerStopped | ServerHung | SsipError) -> Finding:
    if isinstance(error, ServerHung):
        hangs = N_("speech-dispatcher did not start within %(seconds)s seconds: it hangs.")
        return problem(WHAT_ENGINE, hangs, RESTART, seconds=f"{START_SECONDS:g}")
    if isinstance(error, SsipError):
        silent = N_("speech-dispatcher started but did not answer: %(reason)s")
        return problem(WHAT_ENGINE, silent, RESTART, reason=str(error))
    reason = str(error)
    fix, package = RESTART, ""
    if "No speech output modules" in reason:
        fix, package = INSTALL, MODULE_PACKAGE
    elif "setlocale" in reason:
        fix = LOCALE_FIX
    stopped = N_("speech-dispatcher stopped at start: %(reason)s")
    return problem(WHAT_ENGINE, stopped, fix, reason=reason, package=package)


def ask_engine(path: Path, cancel: threading.Event) -> tuple[list[str], str, list[list[str]]]:
    """The server's modules, the module the kiosk will hear (espeak-ng when there, else
    the server's default) and that module's voices as (name, language, variant)."""
    with SsipClient(path, REPLY_SECONDS, cancel) as client:
        modules = client.ask("LIST OUTPUT_MODULES")
        if PREFERRED_MODULE in modules:
            client.ask(f"SET SELF OUTPUT_MODULE {PREFERRED_MODULE}")
            module = PREFERRED_MODULE
        else:
            module = next(iter(modules), "")
        voices = [line.split("\t") for line in client.ask("LIST SYNTHESIS_VOICES")]
    return modules, module, voices


def voice_finding(module: str, voices: list[list[str]]) -> Finding:
    """Whether `voices` (name, language, variant) of `module` speak Indonesian."""
    indonesian = [v for v in voices if len(v) >= 2 and v[1].split("-")[0].lower() == "id"]
    if indonesian:
        return ok(
            WHAT_VOICE,
            N_("%(voice)s, of the %(module)s module"),
            voice=indonesian[0][0],
            module=module,
        )
    package = VOICE_DATA_PACKAGE if module == PREFERRED_MODULE else MODULE_PACKAGE
    return problem(
        WHAT_VOICE,
        N_("speech-dispatcher's %(module)s module has no Indonesian voice."),
        INSTALL,
        module=module or "-",
        package=package,
    )


class StartupVoiceCheck:
    """`kiosk run`'s voice check, on a thread of its own: each problem is logged with its
    fix for the technician, and the first is handed to `deliver` (None: the voice can
    speak). `stop` (the kiosk closing) ends it and its speech server."""

    def __init__(self, deliver: Callable[[Finding | None], None]) -> None:
        self._deliver = deliver
        self._cancel = threading.Event()
        self._thread = threading.Thread(target=self._run, name="voice-check", daemon=True)

    def start(self) -> StartupVoiceCheck:
        self._thread.start()
        return self

    def stop(self, seconds: float = 2.0) -> None:
        self._cancel.set()
        if self._thread.is_alive():
            self._thread.join(seconds)

    def _run(self) -> None:
        try:
            findings = check_voice(self._cancel)
        except Cancelled:
            return
        except Exception:  # the check must never take the kiosk down
            log.exception("the voice check failed")
            return
        for finding in findings:
            if finding.problem:
                log.warning(
                    "the kiosk's voice cannot speak: %s: %s Fix: %s",
                    finding.what_in(),
                    finding.detail_in(),
                    finding.fix_in(),
                )
        if not any(finding.problem for finding in findings):
            log.info("voice check: the voice can speak")
        self._deliver(first_problem(findings))
