"""The appeal's pure clocks: the window to appeal (§702.1.D), the rules read from the policy
(§805.6–7) and the date a letter of final disposition may carry."""

from __future__ import annotations

from datetime import date

import pytest

from app.appeals.clock import (
    ClockRules,
    appeal_deadline,
    check_letter_date,
    investigation_clock,
    rules_from,
    window_open,
)
from app.appeals.kinds import AppealType, email_of, type_label
from app.policy import DEFAULT_POLICY

DECIDED = date(2026, 3, 2)


def test_the_window_closes_fourteen_days_after_the_decision():
    assert appeal_deadline(DECIDED, 14) == date(2026, 3, 16)
    assert appeal_deadline(date(2026, 2, 20), 14) == date(2026, 3, 6)  # across February's end
    assert appeal_deadline(None, 14) is None


def test_the_last_day_is_inside_the_window_and_the_next_is_not():
    assert window_open(DECIDED, 14, date(2026, 3, 16))
    assert not window_open(DECIDED, 14, date(2026, 3, 17))
    assert window_open(DECIDED, 14, DECIDED)
    assert window_open(None, 14, date(2030, 1, 1))  # nothing decided: nothing closes


def test_rules_come_from_the_policy():
    rules = rules_from(DEFAULT_POLICY)
    assert rules == ClockRules(limit_days=90, extension_days=30, notice_days=5)
    changed = DEFAULT_POLICY.with_overrides(
        {
            "complaint.investigation_days": 60,
            "complaint.extension_days": 20,
            "complaint.extension_notice_days": 7,
        }
    )
    assert rules_from(changed) == ClockRules(limit_days=60, extension_days=20, notice_days=7)


def test_an_appeal_review_is_due_ninety_days_after_receipt():
    clock = investigation_clock(date(2026, 1, 1), date(2026, 1, 11), rules_from(DEFAULT_POLICY))
    assert clock.due_on == date(2026, 4, 1) and clock.days_left == 80 and clock.can_extend


@pytest.mark.parametrize(
    ("sent_on", "message"),
    [
        (None, "give the date"),
        (date(2026, 3, 11), "in the future"),
        (date(2026, 3, 1), "before the decision"),
    ],
)
def test_a_letter_date_is_neither_future_nor_before_the_decision(sent_on, message):
    with pytest.raises(ValueError, match=message):
        check_letter_date(sent_on, DECIDED, date(2026, 3, 10))


def test_a_letter_date_on_the_decision_day_or_today_is_accepted():
    check_letter_date(DECIDED, DECIDED, date(2026, 3, 10))
    check_letter_date(date(2026, 3, 10), DECIDED, date(2026, 3, 10))


def test_no_letter_before_a_decision():
    with pytest.raises(ValueError, match="not decided"):
        check_letter_date(date(2026, 3, 1), None, date(2026, 3, 10))


def test_types_and_contacts():
    assert type_label(AppealType.CERTIFICATION_ACTION.value) == AppealType.CERTIFICATION_ACTION
    assert type_label("Training provider curriculum denial") == AppealType.PROVIDER_DENIAL
    assert email_of("Ana Ruiz, (ana@example.org); 555-0100") == "ana@example.org"
    assert email_of("call 555-0100 or write to x@localhost") is None


def test_the_letter_date_refusals_say_exactly_why():
    today = date(2026, 3, 10)
    said = {}
    for sent_on, decided_on in (
        (None, DECIDED),
        (date(2026, 3, 11), DECIDED),
        (date(2026, 3, 1), DECIDED),
        (DECIDED, None),
    ):
        with pytest.raises(ValueError) as raised:
            check_letter_date(sent_on, decided_on, today)
        said[(sent_on, decided_on)] = str(raised.value)
    assert list(said.values()) == [
        "give the date the letter was sent",
        "the date is in the future; today is March 10, 2026",
        "the letter cannot be sent before the decision of March 02, 2026",
        "the appeal is not decided yet, so no letter of final disposition exists",
    ]
