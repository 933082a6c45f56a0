"""What an operator or a kiosk can do at the centre; the CLI and the HTTP API call these."""
