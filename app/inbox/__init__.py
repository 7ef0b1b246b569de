"""What needs each person now: the reviewers' emails (at once or in a daily digest) and every
role's inbox on the home page."""
