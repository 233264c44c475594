from django.urls import URLPattern, URLResolver, path

from planserv.portal.operator import partners

urlpatterns: list[URLPattern | URLResolver] = [
    path("partners/", partners.firm_list, name="operator_partners"),
    path("partners/import/", partners.partner_import, name="operator_partner_import"),
]
