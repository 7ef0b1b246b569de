"""gunicorn's settings, read from the working directory by `make run`, `make serve`,
deploy/cluster.sh and the container image. The numbers live in app/serving.py."""

from app.serving import SERVER_TIMEOUT_SECONDS, RedactingLogger

# Every call a request makes (database, file store) gives up well before this, so a request
# ends in the 503 page; only a bug in the app itself meets this limit.
timeout = SERVER_TIMEOUT_SECONDS
graceful_timeout = SERVER_TIMEOUT_SECONDS
# Password-reset, confirmation and invitation links never reach the access log in full.
logger_class = RedactingLogger
