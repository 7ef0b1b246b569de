"""Framework resources (placeholder)."""
