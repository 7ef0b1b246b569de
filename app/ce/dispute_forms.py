"""Forms of a dispute's resolution: staff uphold or reject it, a provider withdraws its report."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import RadioField, TextAreaField
from wtforms.validators import DataRequired, Length

from app.ce.disputes import MAX_REASON


class ResolveForm(FlaskForm):
    decision = RadioField(
        _l("Decision"),
        choices=[
            ("upheld", _l("Uphold: the entry is withdrawn and stops counting")),
            ("rejected", _l("Reject: the entry stands")),
        ],
        validators=[DataRequired(_l("Choose whether to uphold or reject the dispute."))],
    )
    reason = TextAreaField(
        _l("Reason for the decision"),
        validators=[
            DataRequired(_l("Give the reason for the decision; the peer reads it.")),
            Length(max=MAX_REASON),
        ],
    )


class WithdrawForm(FlaskForm):
    reason = TextAreaField(
        _l("Why the entry is withdrawn"),
        validators=[
            DataRequired(_l("Give the reason for withdrawing the entry; the peer reads it.")),
            Length(max=MAX_REASON),
        ],
    )
