"""Form fields shared by several forms."""

from __future__ import annotations

import math

from wtforms import DecimalField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, StopValidation


class FiniteDecimalField(DecimalField):
    """A decimal that refuses NaN, sNaN and Infinity (which ``Decimal`` parses and which break
    comparisons) with the ordinary "not a valid number" message."""

    def process_formdata(self, valuelist):
        super().process_formdata(valuelist)
        finite = getattr(self.data, "is_finite", None)
        if self.data is not None and not (finite() if finite else math.isfinite(self.data)):
            self.data = None
            raise ValueError(self.gettext("Not a valid decimal value."))

    def pre_validate(self, form):
        typed = bool(self.raw_data and str(self.raw_data[0]).strip())
        if self.process_errors and typed:  # "not a number" stands; no "required" after it
            raise StopValidation()


def required_text(label, max_length: int = 5000) -> TextAreaField:
    """A text area that must be filled in, up to ``max_length`` characters (a reason, a note)."""
    return TextAreaField(label, validators=[DataRequired(), Length(max=max_length)])


def required_line(label, max_length: int) -> StringField:
    """A one-line field that must be filled in, up to ``max_length`` characters."""
    return StringField(label, validators=[DataRequired(), Length(max=max_length)])
