"""Guided services on screen: the service list, one question per screen, proof and status."""
