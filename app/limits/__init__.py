"""Attempt counters in the database: the sign-in limit and per-address rate limits.

Every count is taken with one atomic statement, so the limits hold across threads, processes and
machines that share the database.
"""
