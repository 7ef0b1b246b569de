"""Append-only audit log of every state change."""
