"""Shared form conventions of the portal (docs/portal.md): every error at once, in words.

`form_errors(form)` lists each problem as "Label: message" (the field's label, never its name);
`portal/common/_form_errors.html` shows the list at the top of the form. Views re-render the bound
form on an error, so everything typed, chosen and ticked stays."""

from __future__ import annotations

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS
from django.utils.translation import gettext as _


def _label(form: forms.BaseForm, name: str) -> str:
    field = form.fields.get(name)
    if field is not None and field.label:
        return str(field.label)
    return name.replace("_", " ").capitalize()


def form_errors(form: forms.BaseForm) -> list[str]:
    """Every error of a bound form, each as one sentence naming its field."""
    problems = []
    for name, errors in form.errors.items():
        for message in errors:
            if name == NON_FIELD_ERRORS:
                problems.append(str(message))
            else:
                problems.append(
                    _("%(label)s: %(message)s") % {"label": _label(form, name), "message": message}
                )
    return problems
