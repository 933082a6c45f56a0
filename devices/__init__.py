"""Hardware layer: serial transports by URL, ESC/POS, printer status, emulators."""
