"""Security events (sign-ins, failures, lockouts, sign-outs, refusals, downloads, account
changes) in their own table: who, what, when, from where, with what outcome."""
