"""Submissions: finished wizard answers, sealed at rest, with an outbox row for sync."""
