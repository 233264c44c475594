from django.urls import URLPattern, URLResolver, path

from planserv.portal.customer import agreements

urlpatterns: list[URLPattern | URLResolver] = [
    path("agreements/", agreements.agreement_list, name="customer_agreements"),
    path(
        "agreements/<str:licensing_id>/",
        agreements.agreement_detail,
        name="customer_agreement_detail",
    ),
    path(
        "agreements/<str:licensing_id>/activate/",
        agreements.agreement_activate_view,
        name="customer_agreement_activate",
    ),
    path(
        "agreements/<str:licensing_id>/conversions/",
        agreements.agreement_convert_view,
        name="customer_agreement_convert",
    ),
]
