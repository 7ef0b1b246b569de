"""Form fields shared by several forms."""

from __future__ import annotations

import math

from wtforms import DecimalField
from wtforms.validators import StopValidation


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
