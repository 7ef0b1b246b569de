"""The certification registry the certifying entity keeps (§500.2, §805.2–3)."""
