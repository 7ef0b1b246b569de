"""Rendered pages kept per session until the data they show can have changed.

Any write to a table that pages show bumps one counter row, in the same transaction as the
write (``hooks``), so every process and machine on the same database sees a change at once.
A cached page is keyed by that counter, the signed-in session, the address, today's date and a
short time slice (``store``); the view decorator in ``web`` serves it after the route's role
check has run.
"""
