from __future__ import annotations

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from planserv.accounts.models import User
from planserv.accounts.single_sign_on import password_refused_for


class LoginForm(AuthenticationForm):
    username = forms.EmailField(
        label=gettext_lazy("Email"),
        widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "email"}),
    )

    def confirm_login_allowed(self, user: User) -> None:
        """An organisation that requires single sign-on refuses its members' passwords."""
        super().confirm_login_allowed(user)
        organisation = password_refused_for(user)
        if organisation is not None:
            raise forms.ValidationError(
                _(
                    "%(organisation)s signs its people in through its own sign-in: use "
                    "“Sign in with your organisation” below."
                )
                % {"organisation": organisation.name},
                code="single_sign_on_required",
            )


class TokenCreateForm(forms.Form):
    name = forms.CharField(
        max_length=100,
        label=gettext_lazy("Token name"),
        help_text=gettext_lazy("What the token is for, e.g. 'ERP integration'."),
    )
    membership = forms.TypedChoiceField(coerce=int, label=gettext_lazy("Acts as"))
    expires_in_days = forms.IntegerField(
        required=False,
        min_value=1,
        max_value=365,
        initial=90,
        label=gettext_lazy("Expires after (days)"),
        help_text=gettext_lazy("90 days unless you choose otherwise; at most a year."),
    )

    def __init__(self, *args: object, memberships: list[tuple[int, str]], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["membership"].choices = memberships  # type: ignore[attr-defined]
