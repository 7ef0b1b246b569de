"""The settings form: one number per editable rule."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms.validators import InputRequired, NumberRange

from app.formfields import FiniteDecimalField
from app.policy import Rule


def settings_form(rules: list[Rule], values: dict[str, float], formdata=None) -> FlaskForm:
    """A form class built for ``rules`` (field names are the rule keys with dots replaced)."""

    class SettingsForm(FlaskForm):
        pass

    for rule in rules:
        field = FiniteDecimalField(
            rule.text,
            places=None,
            validators=[InputRequired(), NumberRange(min=0.01, max=1000)],
            default=values[rule.key],
        )
        setattr(SettingsForm, field_name(rule.key), field)
    return SettingsForm(formdata=formdata) if formdata is not None else SettingsForm()


def field_name(key: str) -> str:
    return key.replace(".", "__")
