"""The provider's form for what the directory shows of an approved course."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import SelectField, StringField
from wtforms.validators import Length, Optional

from app.directory.models import FORMATS


class ListingForm(FlaskForm):
    delivery_format = SelectField(
        "Format",
        choices=[("", "Not stated"), *FORMATS.items()],
        validators=[Optional()],
    )
    county = StringField(
        "County (for courses given in person)", validators=[Optional(), Length(max=60)]
    )
    place = StringField("City or venue", validators=[Optional(), Length(max=120)])
    contact = StringField(
        "Contact for enrolment (email, phone or web page)", validators=[Optional(), Length(max=254)]
    )


class DirectoryFilterForm(FlaskForm):
    """The directory's filters (GET: no CSRF token, nothing is changed)."""

    class Meta:
        csrf = False

    program = SelectField("Type of course", validators=[Optional()])
    place = SelectField("Place", validators=[Optional()])
    language = SelectField("Language", validators=[Optional()])
    delivery_format = SelectField(
        "Format", choices=[("", "Any format"), *FORMATS.items()], validators=[Optional()]
    )
