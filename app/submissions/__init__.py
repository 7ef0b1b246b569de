"""submissions package."""
