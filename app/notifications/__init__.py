"""Email outbox: every notification is stored, then sent through SMTP when configured."""
