"""PERF-6 in the worker: render every portal page of the largest organisations (Woodgrove Bank on
the customer side, Fabrikam on the partner side) with the Django test client, N times each.

The pages are every GET route of the portal's common, customer and partner URL lists (found from
the URL resolver, so a new page is measured without editing this file), with path parameters
filled from the organisation's own data: a generated agreement and voucher, a support request,
a payment request. A route that answers anything but 200 to a GET (a POST-only action, a file
download without a file) is reported, not timed.
"""

from __future__ import annotations

import time
from typing import Any

from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

CUSTOMER_LOGIN = "benefits@woodgrove.demo"
PARTNER_LOGIN = "admin@fabrikam.demo"
COMMON = ["home", "profile", "program_info", "faq"]


def _routes(prefix: str) -> list[tuple[str, str]]:
    """(url name, route pattern) of the portal's routes whose name starts with `prefix`."""
    found: list[tuple[str, str]] = []

    def walk(patterns: list[Any], route: str) -> None:
        for entry in patterns:
            if isinstance(entry, URLResolver):
                walk(entry.url_patterns, route + str(entry.pattern))
            elif isinstance(entry, URLPattern) and entry.name:
                found.append((entry.name, route + str(entry.pattern)))

    portal = next(p for p in get_resolver().url_patterns if getattr(p, "namespace", "") == "portal")
    walk(portal.url_patterns, "")
    return [(name, route) for name, route in found if name.startswith(prefix) or name in COMMON]


def _params(side: str) -> dict[str, str]:
    from planserv.accounts.models import Organisation
    from planserv.customers.models import LicensingAgreement
    from planserv.payments.models import PaymentRequest
    from planserv.support.models import SupportRequest
    from planserv.vouchers.models import Voucher

    if side == "customer":
        org = Organisation.objects.get(public_id="C-200001")
        voucher = Voucher.objects.filter(customer=org).order_by("-pk").first()
        agreement = LicensingAgreement.objects.filter(customer=org).order_by("-pk").first()
    else:
        org = Organisation.objects.get(public_id="P-100002")
        voucher = Voucher.objects.filter(holder=org).order_by("-pk").first()
        agreement = None
    params: dict[str, str] = {"partner_id": org.public_id}
    if voucher:
        params["voucher_id"] = voucher.voucher_id
    if agreement:
        params["licensing_id"] = agreement.licensing_id
    support = SupportRequest.objects.filter(organisation=org).order_by("-pk").first()
    if support:
        params["request_id:support"] = str(support.pk)
    payment = PaymentRequest.objects.filter(organisation=org).order_by("-pk").first()
    if payment:
        params["request_id:payment"] = payment.public_id
    return params


def _fill(name: str, route: str, params: dict[str, str]) -> str | None:
    import re

    path = route
    for converter, key in re.findall(r"<(?:(\w+):)?(\w+)>", route):
        value = params.get(f"{key}:{'payment' if 'payment' in name else 'support'}") or params.get(
            key
        )
        if value is None:
            return None
        path = re.sub(rf"<(?:\w+:)?{key}>", value, path, count=1)
        del converter
    return "/" + path if not path.startswith("/") else path


def render_pages(*, repeat: int) -> dict[str, Any]:
    from django.conf import settings
    from django.test.utils import override_settings

    # The benchmark does not run collectstatic: plain static storage instead of the manifest.
    storages = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    with override_settings(STORAGES=storages):
        return _render_pages(repeat=repeat)


def _render_pages(*, repeat: int) -> dict[str, Any]:
    from planserv.accounts.models import User

    out: dict[str, Any] = {"pages": {}, "skipped": {}}
    for side, login in (("customer", CUSTOMER_LOGIN), ("partner", PARTNER_LOGIN)):
        client = Client(HTTP_HOST="127.0.0.1")
        client.force_login(User.objects.get(email=login))
        params = _params(side)
        for name, route in _routes(f"{side}_"):
            path = _fill(name, route, params)
            if path is None:
                out["skipped"][f"{side}:{name}"] = "no sample for its parameters"
                continue
            url = path
            first = client.get(url)
            if first.status_code != 200:
                out["skipped"][f"{side}:{name}"] = f"GET {url} answered {first.status_code}"
                continue
            times = []
            for _ in range(repeat):
                started = time.perf_counter()
                response = client.get(url)
                times.append((time.perf_counter() - started) * 1000)
                assert response.status_code == 200
            out["pages"][f"{side}:{name}"] = {"url": url, "ms": times}
    return out
