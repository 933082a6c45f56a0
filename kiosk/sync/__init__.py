"""Sync with the central service: the sealed envelope, the signed catalogue, the client."""
