"""Home page and static information pages."""
