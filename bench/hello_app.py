"""The bare Flask baseline of bench_pages.py: one route answering "hello"."""

from flask import Flask

app = Flask(__name__)


@app.get("/")
def hello():
    return "hello"
