"""Shared test helpers: fakes of the core's ports, and worker functions for other processes."""
