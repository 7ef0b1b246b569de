"""The reviewer's choice of how new work is emailed."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import RadioField
from wtforms.validators import InputRequired

from app.alerts.models import DELIVERIES


class EmailDeliveryForm(FlaskForm):
    delivery = RadioField(
        "How should new work reach you by email?",
        choices=list(DELIVERIES.items()),
        validators=[InputRequired("Choose one email for each item, or one email a day.")],
    )
