"""The pages every side shares: sign-in and home, the organisation switcher, the profile with API
tokens, the end of support acting, deliverable downloads, program information and the FAQ."""

from django.urls import URLPattern, URLResolver, path

from planserv.portal.shared import account, acting, program_info, second_factor
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
    path("program/", program_info.program_info, name="program_info"),
    path("faq/", program_info.faq, name="faq"),
]
