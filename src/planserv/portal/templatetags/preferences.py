"""{% load preferences %}: the profile page's language and time zone form
(portal/shared/_preferences.html; docs/i18n.md)."""

from __future__ import annotations

from django import template

from planserv.portal.shared.preferences import PreferencesForm, preferences_form

register = template.Library()


@register.simple_tag
def preferences_form_for(user: object) -> PreferencesForm:
    """{% preferences_form_for user as preferences_form %}: the form with the saved choices."""
    return preferences_form(user)
