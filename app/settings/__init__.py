"""Program settings an administrator may change: the values the Guidelines leave open."""
