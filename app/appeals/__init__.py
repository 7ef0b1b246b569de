"""Appeals shared by the domains below which they sit: a denied curriculum's appeal (§702.1.D)
and the appeal of a complaint's suspension or revocation (§807.1.B) are one record, one clock,
one set of evidence files and one acknowledgement. This package imports neither
app.submissions nor app.complaints; both import it."""
