"""app.messages: a Message is its English text, and keeps its template and values (pure)."""

from __future__ import annotations

import copy
import json
from dataclasses import asdict
from datetime import date

from app.findings import Finding
from app.messages import Listed, LongDate, Message, joined, sentence, term


def test_a_message_is_its_english_text_with_its_template_and_values():
    message = Message(
        "%(hours)s hours of %(title)s on %(date)s (%(citation)s).",
        hours=7.5,
        title="Ethics",
        date=date(2026, 3, 4),
        citation="§207.3",
    )
    assert message == "7.5 hours of Ethics on 2026-03-04 (§207.3)."
    assert str(message) == "7.5 hours of Ethics on 2026-03-04 (§207.3)."
    assert isinstance(message, str)
    assert message.template == "%(hours)s hours of %(title)s on %(date)s (%(citation)s)."
    assert message.params == {
        "hours": 7.5,
        "title": "Ethics",
        "date": date(2026, 3, 4),
        "citation": "§207.3",
    }


def test_numbers_lose_needless_decimals_and_counts_stay_whole():
    assert Message("%(n)s of %(m)s", n=12.0, m=20) == "12 of 20"
    assert Message("%(n)s rows", n=1_250_000) == "1250000 rows"


def test_without_values_the_template_is_the_text_even_with_a_percent_sign():
    message = Message("Draw up to 100% of them.")
    assert message == "Draw up to 100% of them."
    assert message.params == {}


def test_copies_and_findings_keep_the_template():
    message = Message("“%(title)s” has no evidence file listed.", title="Ethics")
    for copied in (
        copy.deepcopy(message),
        copy.copy(message),
        asdict(Finding("warning", "CE_EVIDENCE_MISSING", "App. C 6.B", message))["message"],
    ):
        assert isinstance(copied, Message)
        assert copied == message
        assert copied.template == message.template
        assert copied.params == message.params


def test_json_writes_the_english_text():
    message = Message("Line %(line)s", line="3")
    assert json.dumps({"message": message}) == '{"message": "Line 3"}'


def test_a_message_inside_a_message_reads_in_english():
    outer = Message("A %(status)s certification.", status=term("suspended"))
    assert outer == "A suspended certification."
    assert isinstance(outer.params["status"], Message)


def test_lists_join_in_english_and_keep_their_parts():
    fields = joined([Message("title"), Message("hours or units")])
    assert isinstance(fields, Listed)
    assert fields == "title, hours or units"
    assert fields.parts == ("title", "hours or units")
    assert copy.deepcopy(fields).parts == fields.parts


def test_a_sentence_starts_with_a_capital_and_ends_with_a_full_stop():
    problems = sentence([Message("the legal name is required"), Message("the date is late")])
    assert problems == "The legal name is required; the date is late."
    assert problems.params["problems"].capital is True
    copied = copy.deepcopy(problems)
    assert copied == problems
    assert copied.params["problems"].capital is True


def test_a_long_date_reads_as_before_in_english():
    day = LongDate(date(2026, 12, 7))
    assert Message("until %(date)s", date=day) == "until December 07, 2026"
    assert copy.deepcopy(day).day == date(2026, 12, 7)


def test_repr_names_the_template():
    assert repr(Message("%(n)s left", n=2)) == "Message('%(n)s left', {'n': 2})"


def test_other_values_read_as_their_text():
    from decimal import Decimal

    assert Message("%(flag)s and %(amount)s", flag=True, amount=Decimal("2.50")) == "True and 2.50"
