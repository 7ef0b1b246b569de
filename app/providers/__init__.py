"""Approved training providers: their standing and the life cycle of their approvals (§803.4, §806.3.A, §806.5)."""
