"""The operator's Operations index and Imports page (docs/operator.md): one place that links the
program's machinery (sandbox controls, job runs, mail), imports, bulk operations and the audit."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from planserv.core.types import OrganisationKind, Role
from planserv.portal.decorators import actor_of, portal_view

OPERATORS = (OrganisationKind.OPERATOR,)


@portal_view(kinds=OPERATORS)
def operations(request: HttpRequest) -> HttpResponse:
    actor = actor_of(request)
    return render(
        request,
        "portal/operator/operations.html",
        {
            "is_admin": actor.role == Role.PROGRAM_ADMIN,
            "is_support": actor.role == Role.SUPPORT,
        },
    )


@portal_view(kinds=OPERATORS)
def imports(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "portal/operator/imports.html",
        {"is_admin": actor_of(request).role == Role.PROGRAM_ADMIN},
    )
