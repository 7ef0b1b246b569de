"""A minimal SMTP server on 127.0.0.1 that keeps what it receives, for delivery tests."""

from __future__ import annotations

import socketserver
import threading
import time

import pytest


class _SMTPHandler(socketserver.StreamRequestHandler):
    def _reply(self, line: str) -> None:
        self.wfile.write((line + "\r\n").encode())

    def handle(self) -> None:
        self._reply("220 localhost test SMTP")
        message: dict = {"rcpt": []}
        while True:
            raw = self.rfile.readline()
            if not raw:
                return
            command = raw.decode(errors="replace").strip()
            verb = command.split(" ", 1)[0].upper()
            if verb in ("EHLO", "HELO"):
                self._reply("250 localhost")
            elif verb == "MAIL":
                message = {"from": command, "rcpt": []}
                self._reply("250 OK")
            elif verb == "RCPT":
                recipient = command.split(":", 1)[1].strip(" <>")
                message["rcpt"].append(recipient)
                if recipient in self.server.stall_for:  # hold the sender mid-conversation
                    self.server.stalled.set()
                    self.server.release.wait(60)
                    return  # the sender is gone: nothing was accepted
                self._reply("250 OK")
            elif verb == "DATA":
                self._reply("354 End data with <CR><LF>.<CR><LF>")
                lines = []
                while (line := self.rfile.readline()) not in (b".\r\n", b".\n", b""):
                    lines.append(line.decode(errors="replace"))
                message["data"] = "".join(lines)
                time.sleep(self.server.delay)  # a slow server lets concurrent senders overlap
                self.server.messages.append(message)
                self._reply("250 OK queued")
            elif verb == "QUIT":
                self._reply("221 Bye")
                return
            else:
                self._reply("250 OK")


class _Server(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True


@pytest.fixture
def smtp_server():
    server = _Server(("127.0.0.1", 0), _SMTPHandler)
    server.messages = []
    server.delay = 0.0
    server.stall_for = set()  # recipients whose RCPT is never answered until ``release``
    server.stalled, server.release = threading.Event(), threading.Event()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.release.set()
    server.shutdown()
    server.server_close()
