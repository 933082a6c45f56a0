"""Anjungan core: domain rules and application services (no Qt, no serial)."""

__version__ = "0.1.0"
