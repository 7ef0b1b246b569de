"""Messages kept in stored JSON come back as the same Messages; anything else as it is."""

from __future__ import annotations

import json
from datetime import date

from app.messages import LongDate, Message, joined
from app.stored_messages import restored, stored


def _round_trip(message: Message):
    return restored(str(message), json.loads(json.dumps(stored(message))))


def test_a_message_with_every_kind_of_value_comes_back_whole():
    message = Message(
        "%(a)s %(b)s %(c)s %(d)s %(e)s %(f)s",
        a=Message("inner %(n)s", n=2),
        b=LongDate(date(2026, 12, 7)),
        c=joined([Message("one"), "two"]),
        d=date(2026, 1, 2),
        e=7.5,
        f="plain",
    )
    back = _round_trip(message)
    assert isinstance(back, Message) and back == message
    assert back.template == message.template
    assert back.params["a"].template == "inner %(n)s" and back.params["b"].day == date(2026, 12, 7)
    assert back.params["c"].parts[0].template == "one" and back.params["d"] == date(2026, 1, 2)


def test_plain_text_and_text_that_no_longer_matches_come_back_as_they_are():
    assert stored("plain") is None
    assert restored("plain", None) == "plain" and not isinstance(restored("plain", None), Message)
    kept = stored(Message("%(n)s rows", n=3))
    assert not isinstance(restored("4 rows", kept), Message)  # the English changed: text wins
    assert not isinstance(restored("3 rows", {"template": 5}), Message)
    assert not isinstance(restored("3 rows", {"template": "%(n)s rows", "params": {}}), Message)
    assert not isinstance(restored("x", {"template": "%(v)s", "params": {"v": {"?": 1}}}), Message)
