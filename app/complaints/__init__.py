"""Complaints against certified peers and approved training providers (§805–806)."""
