"""Forms for the App. E data elements: a peer's application details, a reviewer's record of the
outcome, a provider's completion roster."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import (
    BooleanField,
    DateField,
    IntegerField,
    SelectField,
    SelectMultipleField,
    StringField,
)
from wtforms.validators import Length, NumberRange, Optional
from wtforms.widgets import CheckboxInput, ListWidget

from app.i18n.data import N_

CALIFORNIA_COUNTIES = (
    "Alameda", "Alpine", "Amador", "Butte", "Calaveras", "Colusa", "Contra Costa", "Del Norte",
    "El Dorado", "Fresno", "Glenn", "Humboldt", "Imperial", "Inyo", "Kern", "Kings", "Lake",
    "Lassen", "Los Angeles", "Madera", "Marin", "Mariposa", "Mendocino", "Merced", "Modoc",
    "Mono", "Monterey", "Napa", "Nevada", "Orange", "Placer", "Plumas", "Riverside",
    "Sacramento", "San Benito", "San Bernardino", "San Diego", "San Francisco", "San Joaquin",
    "San Luis Obispo", "San Mateo", "Santa Barbara", "Santa Clara", "Santa Cruz", "Shasta",
    "Sierra", "Siskiyou", "Solano", "Sonoma", "Stanislaus", "Sutter", "Tehama", "Trinity",
    "Tulare", "Tuolumne", "Ventura", "Yolo", "Yuba",
)  # fmt: skip
COUNTY_CHOICES = [
    ("", _l("Not stated")),
    *((c, c) for c in CALIFORNIA_COUNTIES),
    ("Out of state", _l("Out of state")),
]


def _labelled(*values: str) -> list[tuple[str, object]]:
    """Each value as stored (the English word) with its label in the page's language; the
    values are marked with ``N_`` where they are listed."""
    return [(value, _l(value)) for value in values]


GENDER_CHOICES = [
    ("", _l("Prefer not to say")),
    *_labelled(
        N_("Woman"),
        N_("Man"),
        N_("Transgender woman"),
        N_("Transgender man"),
        N_("Nonbinary"),
        N_("Another identity"),
    ),
]
RACE_CHOICES = _labelled(
    N_("American Indian or Alaska Native"),
    N_("Asian"),
    N_("Black or African American"),
    N_("Hispanic or Latino/a/x"),
    N_("Middle Eastern or North African"),
    N_("Native Hawaiian or Pacific Islander"),
    N_("White"),
    N_("Another race or ethnicity"),
)
LANGUAGE_CHOICES = [
    (lang, lang)
    for lang in (
        "English", "Spanish", "Chinese", "Vietnamese", "Tagalog", "Korean", "Armenian",
        "Russian", "Arabic", "Farsi", "Hmong", "Cambodian", "American Sign Language", "Other",
    )
]  # fmt: skip
EMPLOYMENT_CHOICES = [
    ("", _l("Not stated")),
    *_labelled(
        N_("Employed in peer services"),
        N_("Employed, other work"),
        N_("Not employed"),
        N_("Student"),
        N_("Volunteer"),
    ),
]
ROUTE_CHOICES = [
    ("standard", _l("Training and exam")),
    ("grandparent", _l("Grandparenting (May – December 2022)")),
    ("reciprocity", _l("Out-of-state reciprocity")),
]


class MultiCheckboxField(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class ApplicationForm(FlaskForm):
    age = IntegerField(_l("Age (years)"), validators=[Optional(), NumberRange(16, 110)])
    gender_identity = SelectField(_l("Gender identity"), choices=GENDER_CHOICES)
    race_ethnicity = MultiCheckboxField(
        _l("Race/ethnicity (choose all that apply)"), choices=RACE_CHOICES
    )
    languages = MultiCheckboxField(_l("Languages you are proficient in"), choices=LANGUAGE_CHOICES)
    employment_status = SelectField(_l("Employment status today"), choices=EMPLOYMENT_CHOICES)
    employer = StringField(_l("Employer or agency"), validators=[Optional(), Length(max=200)])
    employer_county = SelectField(_l("County of employment"), choices=COUNTY_CHOICES)
    residence_county = SelectField(_l("County of residence"), choices=COUNTY_CHOICES)
    employed_in_peer_services = BooleanField(
        _l("I work in peer services now, before certification")
    )
    route = SelectField(_l("How you apply"), choices=ROUTE_CHOICES)


class OutcomeForm(FlaskForm):
    exam_registered_on = DateField(_l("Registered for the exam on"), validators=[Optional()])
    outcome = SelectField(
        _l("Outcome"),
        choices=[
            ("pending", _l("Pending")),
            ("certified", _l("Certified")),
            ("not_certified", _l("Not certified")),
        ],
    )
    outcome_on = DateField(_l("Date of the outcome"), validators=[Optional()])


class RosterForm(FlaskForm):
    file = FileField(_l("Completion roster (.csv or .xlsx)"))
    supervisor_training = BooleanField(_l("This course is peer supervisor training (App. E 11)"))
