"""ce package."""
