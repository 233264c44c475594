from __future__ import annotations

from django import forms
from django.contrib.auth.forms import AuthenticationForm


class LoginForm(AuthenticationForm):
    username = forms.EmailField(
        label="Email", widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "email"})
    )


class TokenCreateForm(forms.Form):
    name = forms.CharField(
        max_length=100,
        label="Token name",
        help_text="What the token is for, e.g. 'ERP integration'.",
    )
    membership = forms.TypedChoiceField(coerce=int, label="Acts as")
    expires_in_days = forms.IntegerField(
        required=False,
        min_value=1,
        max_value=365,
        initial=90,
        label="Expires after (days)",
        help_text="90 days unless you choose otherwise; at most a year.",
    )

    def __init__(self, *args: object, memberships: list[tuple[int, str]], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["membership"].choices = memberships  # type: ignore[attr-defined]
