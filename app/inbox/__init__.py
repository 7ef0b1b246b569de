"""What needs each person now: every role's inbox on the home page, and the page where a reviewer
chooses how new work is emailed (the emails themselves are sent by app.alerts)."""
