"""Accounts, organizations, login and access control."""
