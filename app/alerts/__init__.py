"""Telling the reviewers who must act, at once or in a daily digest; below every domain that has
news for them (submissions, CE, complaints), so those domains need not import the inbox."""
