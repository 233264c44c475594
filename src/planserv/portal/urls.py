from django.urls import include, path

from planserv.portal.views import acting, common, program_info
from planserv.portal.views import vouchers as voucher_views

app_name = "portal"

urlpatterns = [
    path("", common.home, name="home"),
    path("login/", common.LoginView.as_view(), name="login"),
    path("logout/", acting.LogoutView.as_view(), name="logout"),
    path("acting/stop/", acting.act_for_stop, name="act_for_stop"),
    path("switch/", common.switch_organisation, name="switch_organisation"),
    path("profile/", common.profile, name="profile"),
    path("profile/tokens/", common.token_create_view, name="token_create"),
    path("profile/tokens/<int:token_id>/revoke/", common.token_revoke_view, name="token_revoke"),
    path(
        "vouchers/<str:voucher_id>/deliverables/<int:deliverable_id>/",
        voucher_views.deliverable,
        name="voucher_deliverable",
    ),
    path("program/", program_info.program_info, name="program_info"),
    path("faq/", program_info.faq, name="faq"),
    path("customer/", include("planserv.portal.customer.urls")),
    path("partner/", include("planserv.portal.partner.urls")),
    path("operator/", include("planserv.portal.operator.urls")),
]
