"""`kiosk services check`: the technician's look at the service definitions."""

from __future__ import annotations

import argparse
import logging
from pathlib import Path

from kiosk.catalogue.loader import load_catalogue
from kiosk.catalogue.paths import default_catalogue_dir


def check(args: argparse.Namespace) -> int:
    """Load every definition as the kiosk would (recordings from the same folder) and
    print each service loaded, each warning and each problem of the files refused,
    then how many files were refused (one file may have several problems); 1 if any is."""
    directory: Path = args.directory or default_catalogue_dir()
    loader_log = logging.getLogger("kiosk.catalogue.loader")
    level = loader_log.level
    loader_log.setLevel(logging.ERROR)  # printed below, once
    try:
        loaded = load_catalogue(directory, recordings=directory)
    finally:
        loader_log.setLevel(level)
    for service in sorted(loaded.services.values(), key=lambda s: s.id):
        title = service.title.get("id", service.id)
        print(f"ok       {service.id}: {title} (version {service.version})")
    for warning in loaded.warnings:
        print(f"warning  {warning}")
    for problem in loaded.problems:
        print(f"error    {problem}")
    refused = len({problem.path for problem in loaded.problems})
    print(
        f"{len(loaded.services)} services loaded, {len(loaded.warnings)} warnings, "
        f"{refused} refused, from {directory}"
    )
    return 1 if loaded.problems else 0
