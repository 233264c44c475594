"""The portal's URLs: the shared pages at the root, each side under its own prefix. Every name
lives in the one `portal` namespace (`portal:home`, `portal:partner_vouchers`, ...)."""

from django.urls import include, path

app_name = "portal"

urlpatterns = [
    path("", include("planserv.portal.shared.urls")),
    path("customer/", include("planserv.portal.customer.urls")),
    path("partner/", include("planserv.portal.partner.urls")),
    path("operator/", include("planserv.portal.operator.urls")),
]
