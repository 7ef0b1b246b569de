"""Backups of the database and the uploads in one archive, restores, and exports on request."""
