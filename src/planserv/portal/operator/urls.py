from django.urls import URLPattern, URLResolver, path

from planserv.portal.operator import agreements

urlpatterns: list[URLPattern | URLResolver] = [
    path("agreements/", agreements.agreement_list, name="operator_agreements"),
    path("agreements/new/", agreements.agreement_create_view, name="operator_agreement_create"),
    path("agreements/import/", agreements.agreement_import_view, name="operator_agreement_import"),
    path(
        "agreements/import/<int:import_id>/",
        agreements.agreement_import_detail,
        name="operator_agreement_import_detail",
    ),
    path(
        "agreements/import/<int:import_id>/commit/",
        agreements.agreement_import_commit_view,
        name="operator_agreement_import_commit",
    ),
    path(
        "agreements/import/<int:import_id>/errors.csv",
        agreements.agreement_import_errors,
        name="operator_agreement_import_errors",
    ),
    path("ledger/check/", agreements.ledger_check_view, name="operator_ledger_check"),
    path(
        "agreements/<str:licensing_id>/",
        agreements.agreement_detail,
        name="operator_agreement_detail",
    ),
    path(
        "agreements/<str:licensing_id>/grants/",
        agreements.agreement_grant_view,
        name="operator_agreement_grant",
    ),
    path(
        "agreements/<str:licensing_id>/ledger/<int:entry_id>/correct/",
        agreements.agreement_correct_view,
        name="operator_agreement_correct",
    ),
]
