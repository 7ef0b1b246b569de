"""The provider's form for what the directory shows of an approved course."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectField, StringField
from wtforms.validators import Length, Optional

from app.directory.models import FORMATS

FORMAT_CHOICES = [(key, _l(label)) for key, label in FORMATS.items()]


class ListingForm(FlaskForm):
    delivery_format = SelectField(
        _l("Format"),
        choices=[("", _l("Not stated")), *FORMAT_CHOICES],
        validators=[Optional()],
    )
    county = StringField(
        _l("County (for courses given in person)"), validators=[Optional(), Length(max=60)]
    )
    place = StringField(_l("City or venue"), validators=[Optional(), Length(max=120)])
    contact = StringField(
        _l("Contact for enrolment (email, phone or web page)"),
        validators=[Optional(), Length(max=254)],
    )


class DirectoryFilterForm(FlaskForm):
    """The directory's filters (GET: no CSRF token, nothing is changed)."""

    class Meta:
        csrf = False

    program = SelectField(_l("Type of course"), validators=[Optional()])
    place = SelectField(_l("Place"), validators=[Optional()])
    language = SelectField(_l("Language"), validators=[Optional()])
    delivery_format = SelectField(
        _l("Format"), choices=[("", _l("Any format")), *FORMAT_CHOICES], validators=[Optional()]
    )
