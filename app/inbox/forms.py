"""The reviewer's choice of how new work is emailed."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import RadioField
from wtforms.validators import InputRequired

from app.alerts.models import DELIVERIES


class EmailDeliveryForm(FlaskForm):
    delivery = RadioField(
        _l("How should new work reach you by email?"),
        choices=[(key, _l(label)) for key, label in DELIVERIES.items()],
        validators=[InputRequired(_l("Choose one email for each item, or one email a day."))],
    )
