"""Administrator page for the program settings the Guidelines leave open."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app import context
from app.auth.access import roles_required
from app.auth.models import Role
from app.extensions import db
from app.settings.forms import field_name, settings_form
from app.settings.services import change_setting, editable_rules

bp = Blueprint("settings", __name__)


@bp.route("/admin/settings", methods=["GET", "POST"])
@roles_required(Role.ADMIN)
def edit():
    """Show and change the configurable values, each with the rule it belongs to."""
    policy = context.policy()
    rules = editable_rules(policy)
    values = {rule.key: rule.value for rule in rules}
    form = settings_form(rules, values, request.form if request.method == "POST" else None)
    if request.method == "POST" and form.validate():
        changed = 0
        for rule in rules:
            data = form[field_name(rule.key)].data
            new_value = bool(data) if isinstance(rule.value, bool) else float(data)
            if new_value != rule.value:
                change_setting(db.session, actor_id=current_user.id, key=rule.key, value=new_value)
                changed += 1
        flash(
            _("%(count)s setting(s) changed.", count=changed)
            if changed
            else _("No setting changed."),
            "success",
        )
        return redirect(url_for("settings.edit"))
    fields = [(rule, form[field_name(rule.key)]) for rule in rules]
    return render_template("settings/edit.html", form=form, fields=fields)
