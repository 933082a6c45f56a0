"""Any simulated device on a pseudo-terminal: the pty, its server, its commands, its process."""
