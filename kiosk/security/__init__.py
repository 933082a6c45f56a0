"""Security of data at rest: sealing citizens' answers with a key kept in the OS keyring."""
