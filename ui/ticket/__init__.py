"""One module per kiosk screen; each asks one question or shows one result."""
