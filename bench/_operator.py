"""PERF-7 and PERF-8 in a worker process: every operator page, report API and CSV, timed with the
Django test client as the program admin (in-process: the server's time without the network), and
the worker's peak RSS after them; then the RSS growth of streaming the largest CSV export.

    python -m bench._operator pages --repeat 10     # PERF-7 (+ PERF-8 peak RSS after the pages)
    python -m bench._operator export                # PERF-8: RSS growth of the 1M-row export

Prints one JSON object as its last line. CSV rows are timed to the first byte (a streamed
download starts at once) and to the last byte, separately.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import time
from typing import Any

import django

OPERATOR_LOGIN = "admin@operator.demo"
MILESTONES = (
    "cloud_retirement",
    "training_conversion_end",
    "accrual_end",
    "last_create_day",
    "removal",
    "last_redemption_day",
)


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _current_rss_mb() -> float:
    with open(f"/proc/{os.getpid()}/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def pages() -> list[tuple[str, str]]:
    """(name, URL) of every operator page, report API and CSV measured (PERF-7)."""
    found = [
        ("page:reports_index", "/operator/reports/"),  # reads nothing: the baseline
        ("page:dashboard", "/operator/reports/dashboard/"),
        *(
            (f"page:funnel:{group}", f"/operator/reports/funnel/?group_by={group}")
            for group in ("agreement", "offering", "country", "expiry")
        ),
        *(
            (f"page:retirement:{key}", f"/operator/reports/retirement-impact/?milestone={key}")
            for key in MILESTONES
        ),
        ("page:agreements", "/operator/agreements/"),
        ("page:agreements?q=GEN-00012", "/operator/agreements/?q=GEN-00012"),
        ("page:agreements?q=Woodgrove", "/operator/agreements/?q=Woodgrove"),
        ("page:partners", "/operator/partners/"),
        ("page:partners?page=60", "/operator/partners/?page=60"),
        ("page:partners?q=Firm 4321", "/operator/partners/?q=Firm+4321"),
        ("page:partners?q=P-3004321", "/operator/partners/?q=P-3004321"),
        ("page:organisations?q=Customer 4321", "/operator/organisations/?q=Customer+4321"),
        ("page:audit", "/operator/audit/"),
        ("page:audit?action=vouchers.", "/operator/audit/?action=vouchers."),
        ("page:audit?organisation=C-200001", "/operator/audit/?organisation=C-200001"),
        ("page:payments", "/operator/payments/"),
        ("page:payments?page=100", "/operator/payments/?page=100"),
        ("page:payment_runs", "/operator/payments/runs/"),
        ("page:payment_run", "/operator/payments/runs/RUN-202103-USD/"),
        ("page:payment_run?page=50", "/operator/payments/runs/RUN-202103-USD/?page=50"),
        ("page:jobs", "/operator/jobs/"),
        ("page:mail", "/operator/mail/"),
        ("page:mail?q=GEN-0004321", "/operator/mail/?q=GEN-0004321"),
        ("page:operations", "/operator/operations/"),
        (
            "page:retirement_org",
            "/operator/reports/retirement-impact/removal/C-200001/",
        ),
        ("api:dashboard", "/api/v1/reports/dashboard"),
        *(
            (f"api:funnel:{group}", f"/api/v1/reports/funnel?group_by={group}")
            for group in ("agreement", "offering", "country", "expiry")
        ),
        ("api:funnel:agreement&page", _second_page_marker("funnel?group_by=agreement")),
        *(
            (f"api:retirement:{key}", f"/api/v1/reports/retirement-impact?milestone={key}")
            for key in MILESTONES
        ),
        (
            "api:retirement_org",
            "/api/v1/reports/retirement-impact/removal/organisations/C-200001",
        ),
        ("api:vouchers", "/api/v1/vouchers?limit=50"),
        ("api:vouchers?status=redeemed", "/api/v1/vouchers?limit=50&status=redeemed"),
        ("api:agreements", "/api/v1/agreements?limit=50"),
        ("api:payment_requests", "/api/v1/payment-requests?limit=50"),
        ("api:audit_events", "/api/v1/operator/audit-events?limit=50"),
        ("api:job_runs", "/api/v1/operator/job-runs?limit=50"),
        ("api:outbox", "/api/v1/operator/outbox?limit=50"),
        ("csv:dashboard", "/operator/reports/dashboard/?format=csv&table=days_flow_by_month"),
        ("csv:funnel", "/operator/reports/funnel/?group_by=agreement&format=csv&table=funnel"),
        (
            "csv:retirement",
            "/operator/reports/retirement-impact/?milestone=removal&format=csv&table=organisations",
        ),
        ("csv:api_funnel", "/api/v1/reports/funnel?group_by=agreement&format=csv"),
        (
            "csv:funnel:country",
            "/operator/reports/funnel/?group_by=country&format=csv&table=funnel",
        ),
        (
            "csv:api_retirement",
            "/api/v1/reports/retirement-impact?milestone=removal&format=csv&table=organisations",
        ),
    ]
    return found


def _second_page_marker(path: str) -> str:
    """A page deep in a report's long table: the cursor of rows 1,001 … (the API's cursor is the
    position, so it is built here as a client would get it after twenty pages)."""
    from planserv.api.pagination import offset_cursor

    return f"/api/v1/reports/{path}&cursor={offset_cursor(1000)}"


def _client(login: str = OPERATOR_LOGIN) -> Any:
    from django.test import Client

    from planserv.accounts.models import Membership, User
    from planserv.accounts.services import token_create

    client = Client(HTTP_HOST="127.0.0.1")
    user = User.objects.get(email=login)
    client.force_login(user)
    _pass_second_factor(client, user)
    membership = Membership.objects.filter(user=user).order_by("pk").first()
    assert membership is not None
    issued = token_create(
        membership=membership,
        name="bench",
        actor=_system(),
        at=_now(),
        today=_today(),
    )
    client.defaults["HTTP_AUTHORIZATION"] = f"Bearer {issued.secret}"
    return client


def _pass_second_factor(client: Any, user: Any) -> None:
    """Operator staff reach no page without the second factor (R-PPL-3): the session is marked
    as a finished sign-in leaves it (the person's authenticator app, made when missing)."""
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="bench", confirmed=True)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()


def _system() -> Any:
    from planserv.core.actor import Actor

    return Actor.system(label="bench")


def _now() -> Any:
    from planserv.core import clock

    return clock.now()


def _today() -> Any:
    from planserv.core import clock

    return clock.today()


def _get(client: Any, url: str) -> tuple[int, float, float, int]:
    """(status, ms to the first byte, ms to the last byte, bytes)."""
    started = time.perf_counter()
    response = client.get(url)
    if response.streaming:
        size, first = 0, None
        for chunk in response.streaming_content:
            if first is None:
                first = (time.perf_counter() - started) * 1000
            size += len(chunk)
        total = (time.perf_counter() - started) * 1000
        return response.status_code, first or total, total, size
    total = (time.perf_counter() - started) * 1000
    return response.status_code, total, total, len(response.content)


def _bench_settings() -> Any:
    """The benchmark does not run collectstatic: plain static storage instead of the manifest."""
    from django.conf import settings
    from django.test.utils import override_settings

    storages = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    return override_settings(STORAGES=storages, ALLOWED_HOSTS=["*"])


def render_pages(repeat: int) -> dict[str, Any]:
    with _bench_settings():
        client = _client()
        out: dict[str, Any] = {"pages": {}, "skipped": {}, "rss_start_mb": _current_rss_mb()}
        for name, url in pages():
            status, _, _, size = _get(client, url)
            if status != 200:
                out["skipped"][name] = f"GET {url} answered {status}"
                continue
            first_ms: list[float] = []
            last_ms: list[float] = []
            for _ in range(repeat):
                status, first, last, size = _get(client, url)
                assert status == 200, (url, status)
                first_ms.append(first)
                last_ms.append(last)
            out["pages"][name] = {"url": url, "ms": last_ms, "first_ms": first_ms, "bytes": size}
            ranked = sorted(last_ms)
            print(
                f"{name:40} p50 {ranked[len(ranked) // 2]:9.1f} ms  max {ranked[-1]:9.1f} ms  "
                f"first byte max {max(first_ms):9.1f} ms  {size:,} bytes",
                file=sys.stderr,
                flush=True,
            )
        out["peak_rss_mb"] = _peak_rss_mb()
        out["rss_end_mb"] = _current_rss_mb()
    return out


def export_rss(url: str, login: str) -> dict[str, Any]:
    """RSS before, peak during and rows of one streamed export (the voucher or audit CSV)."""
    with _bench_settings():
        client = _client(login)
        client.get("/")  # warm the URL conf, templates and the session
        before = _current_rss_mb()
        peak = before
        started = time.perf_counter()
        response = client.get(url)
        lines = 0
        for number, chunk in enumerate(response.streaming_content):
            lines += chunk.count(b"\n")
            if number % 20000 == 0:
                peak = max(peak, _current_rss_mb())
        peak = max(peak, _current_rss_mb())
    return {
        "url": url,
        "rows": lines - 1,
        "seconds": time.perf_counter() - started,
        "rss_before_mb": before,
        "rss_peak_mb": peak,
        "growth_mb": peak - before,
        "ru_maxrss_mb": _peak_rss_mb(),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("task", choices=["pages", "export"])
    parser.add_argument("--repeat", type=int, default=10)
    parser.add_argument("--url", default="/operator/audit/export.csv")
    parser.add_argument("--login", default=OPERATOR_LOGIN)
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "planserv.config.settings.dev")
    django.setup()
    result = render_pages(args.repeat) if args.task == "pages" else export_rss(args.url, args.login)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
