"""The composition root: the one place that wires the core, devices, printing and ui."""
