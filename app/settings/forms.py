"""The settings form: one number (or yes/no checkbox) per editable rule."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import BooleanField
from wtforms.validators import InputRequired, NumberRange

from app.formfields import FiniteDecimalField
from app.policy import Rule


def settings_form(rules: list[Rule], values: dict[str, float], formdata=None) -> FlaskForm:
    """A form class built for ``rules`` (field names are the rule keys with dots replaced)."""

    class SettingsForm(FlaskForm):
        pass

    for rule in rules:
        if isinstance(rule.value, bool):  # a yes/no setting is a checkbox, not a number
            setattr(
                SettingsForm,
                field_name(rule.key),
                BooleanField(rule.text, default=values[rule.key]),
            )
            continue
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
