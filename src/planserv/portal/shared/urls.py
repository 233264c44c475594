"""The pages every side shares: sign-in and home, the organisation switcher, the profile with API
tokens, webhooks, the end of support acting, deliverable downloads, program information and the FAQ."""

from django.urls import URLPattern, URLResolver, path

from planserv.portal.shared import (
    access,
    account,
    acting,
    people,
    preferences,
    program_info,
    second_factor,
    webhooks,
)
from planserv.portal.shared import single_sign_on as sso
from planserv.portal.shared import vouchers as voucher_views

urlpatterns: list[URLPattern | URLResolver] = [
    path("", account.home, name="home"),
    path("login/", account.LoginView.as_view(), name="login"),
    path("logout/", acting.LogoutView.as_view(), name="logout"),
    path("acting/stop/", acting.act_for_stop, name="act_for_stop"),
    path("switch/", account.switch_organisation, name="switch_organisation"),
    path("profile/", account.profile, name="profile"),
    path("profile/tokens/", account.token_create_view, name="token_create"),
    path("profile/tokens/<int:token_id>/revoke/", account.token_revoke_view, name="token_revoke"),
    path("sign-in/second-factor/", second_factor.verify, name="second_factor_verify"),
    path("sign-in/second-factor/setup/", second_factor.setup, name="second_factor_setup"),
    path("profile/second-factor/off/", second_factor.disable, name="second_factor_disable"),
    path("people/second-factor/", second_factor.reset, name="second_factor_reset"),
    path("sign-in/organisation/", sso.begin, name="sso_begin"),
    path("sign-in/organisation/start/", sso.StartView.as_view(), name="sso_start"),
    path("sign-in/organisation/callback/", sso.CallbackView.as_view(), name="sso_callback"),
    path("organisation/sign-in/", sso.settings_page, name="sso_settings"),
    path(
        "vouchers/<str:voucher_id>/deliverables/<int:deliverable_id>/",
        voucher_views.deliverable,
        name="voucher_deliverable",
    ),
    path("webhooks/", webhooks.webhooks, name="webhooks"),
    path("webhooks/<int:subscription_id>/", webhooks.webhook_detail, name="webhook_detail"),
    path(
        "webhooks/<int:subscription_id>/change/",
        webhooks.webhook_change_view,
        name="webhook_change",
    ),
    path(
        "webhooks/<int:subscription_id>/deliveries/<int:delivery_id>/redeliver/",
        webhooks.webhook_redeliver_view,
        name="webhook_redeliver",
    ),
    path("program/", program_info.program_info, name="program_info"),
    # People and access (docs/people.md).
    path("people/", people.people, name="people"),
    path("people/invite/", people.people_invite, name="people_invite"),
    path("people/<int:user_id>/", people.people_member, name="people_member"),
    path("people/<int:user_id>/remove/", people.people_member_remove, name="people_member_remove"),
    path(
        "people/invitations/<int:invitation_id>/resend/",
        people.people_invitation_resend,
        name="people_invitation_resend",
    ),
    path(
        "people/invitations/<int:invitation_id>/revoke/",
        people.people_invitation_revoke,
        name="people_invitation_revoke",
    ),
    path("invitations/<str:secret>/", access.invitation_accept_view, name="invitation_accept"),
    path("password/reset/", access.password_reset_view, name="password_reset"),
    path(
        "password/reset/<str:secret>/",
        access.password_reset_confirm_view,
        name="password_reset_confirm",
    ),
    path("profile/password/", access.password_change_view, name="password_change"),
    path("faq/", program_info.faq, name="faq"),
    # Language and time zone (docs/i18n.md): the header's switcher, the profile's preferences.
    path("language/", preferences.language_switch, name="language_switch"),
    path("profile/preferences/", preferences.preferences_save, name="preferences_save"),
]
