"""The counter's documents screen: staff print a submission's A4 proof and its letter."""
