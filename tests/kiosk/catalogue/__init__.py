"""Tests of the service catalogue: schema, expressions, validators, shipped services."""
