"""Password hashing: argon2id with a cap on how many hashes run at once."""

from __future__ import annotations

import threading
import time

import pytest

import app.auth.services as auth_services
from app.auth.models import Role
from tests.factories import make_user


class _SlowHasher:
    """Stands in for argon2 and records how many computations overlap."""

    def __init__(self):
        self.running = 0
        self.most = 0
        self.lock = threading.Lock()

    def verify(self, password_hash, password):
        with self.lock:
            self.running += 1
            self.most = max(self.most, self.running)
        time.sleep(0.05)
        with self.lock:
            self.running -= 1
        return False


def test_at_most_the_configured_number_of_hashes_run_at_once(app, monkeypatch):
    slow = _SlowHasher()
    monkeypatch.setattr(auth_services, "_hasher", slow)
    auth_services.configure_hash_concurrency(2, 10)
    threads = [
        threading.Thread(target=auth_services.verify_password, args=("h", "p")) for _ in range(8)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert slow.most == 2


def test_a_sign_in_waiting_too_long_for_a_slot_gets_503_with_retry_after(client, app, db):
    user = make_user(Role.PEER)
    auth_services.configure_hash_concurrency(1, 0.01)
    auth_services._hash_slots.acquire()  # every slot is busy
    try:
        response = client.post("/login", data={"email": user.email, "password": "x" * 12})
    finally:
        auth_services._hash_slots.release()
        auth_services.configure_hash_concurrency(2, 10)
    assert response.status_code == 503
    assert response.headers["Retry-After"] == "5"
    assert "busy" in response.get_data(as_text=True)


@pytest.mark.parametrize("slots", [1, 3])
def test_the_cap_comes_from_the_configuration(slots):
    from app import create_app

    create_app({"TESTING": True, "SECRET_KEY": "x", "ARGON2_MAX_CONCURRENT": slots})
    taken = [auth_services._hash_slots.acquire(blocking=False) for _ in range(slots + 1)]
    for _ in range(sum(taken)):
        auth_services._hash_slots.release()
    auth_services.configure_hash_concurrency(2, 10)
    assert taken == [True] * slots + [False]
