"""The centre's HTTP API (/v1, docs/sync.md) on FastAPI; `create_app` is the factory."""
