"""Argument parsers of the `kiosk` document commands (argparse only: --help stays quick)."""

from __future__ import annotations

import argparse


def add_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add this group's subcommands; handlers are named "module:function" (see main.py)."""
