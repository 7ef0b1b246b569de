"""Running the app's command line (`flask --app wsgi ...`) in a child process, as an operator
would, for the worker tests."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FLASK = (sys.executable, "-m", "flask", "--app", "wsgi")


def flask_run(env, *args, **kwargs) -> subprocess.CompletedProcess:
    """Run ``flask args`` to its end (two minutes at the most), its output kept as text."""
    return subprocess.run(
        [*FLASK, *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        **kwargs,
    )


def flask_start(env, *args, quiet: bool = False) -> subprocess.Popen:
    """Start ``flask args`` and leave it running; its output is read from ``stdout`` (both
    streams, as text) unless ``quiet`` throws it away."""
    output: dict = (
        {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL}
        if quiet
        else {"stdout": subprocess.PIPE, "stderr": subprocess.STDOUT, "text": True}
    )
    return subprocess.Popen([*FLASK, *args], cwd=ROOT, env=env, **output)
