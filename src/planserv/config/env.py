"""The one place that reads the process environment (STYLE.md section 1).

Every setting the deployment can change is named here, with its default and its meaning; the
README's configuration table is written from this module.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[3]


def _flag(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    return raw.strip().lower() in {"1", "true", "yes", "on"}


def _int(name: str, default: int) -> int:
    raw = os.environ.get(name, "")
    return int(raw) if raw.strip() else default


def _list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


@dataclass(frozen=True)
class Environment:
    debug: bool
    secret_key: str
    secret_key_fallbacks: list[str]
    database_url: str
    transaction_pooling: bool
    allowed_hosts: list[str]
    csrf_trusted_origins: list[str]
    sandbox: bool | None
    program_time_zone: str
    var_dir: Path
    media_dir: Path
    email_backend: str
    email_host: str
    email_port: int
    email_user: str
    email_password: str
    email_use_tls: bool
    default_from_email: str
    site_url: str
    test_postgres_url: str
    sweep_workers: int
    max_inflight: int
    inflight_write_reserve: int | None
    log_format: str
    metrics_token: str
    metrics_multiprocess_dir: str
    ready_outbox_backlog_max: int
    ready_outbox_oldest_seconds: int
    ready_runner_stale_seconds: int
    retention_mail_body_days: int
    webhook_timeout_seconds: int


def read_environment() -> Environment:
    var_dir = Path(os.environ.get("PLANSERV_VAR_DIR", str(BASE_DIR / "var")))
    return Environment(
        debug=_flag("PLANSERV_DEBUG", default=False),
        secret_key=os.environ.get("PLANSERV_SECRET_KEY", ""),
        # Earlier keys, still accepted for sessions and links signed with them (key rotation).
        secret_key_fallbacks=_list("PLANSERV_SECRET_KEY_FALLBACKS", ""),
        database_url=os.environ.get("DATABASE_URL", ""),
        # DATABASE_URL leads to a pooler in transaction mode (PgBouncer): no server-side cursors.
        transaction_pooling=_flag("PLANSERV_TRANSACTION_POOLING", default=False),
        allowed_hosts=_list("PLANSERV_ALLOWED_HOSTS", "127.0.0.1,localhost"),
        csrf_trusted_origins=_list("PLANSERV_CSRF_TRUSTED_ORIGINS", ""),
        sandbox=(
            _flag("PLANSERV_SANDBOX", default=False) if os.environ.get("PLANSERV_SANDBOX") else None
        ),
        program_time_zone=os.environ.get("PLANSERV_PROGRAM_TIME_ZONE", "America/Los_Angeles"),
        var_dir=var_dir,
        media_dir=Path(os.environ.get("PLANSERV_MEDIA_DIR", str(var_dir / "files"))),
        email_backend=os.environ.get("PLANSERV_EMAIL_BACKEND", "smtp"),
        email_host=os.environ.get("PLANSERV_EMAIL_HOST", "localhost"),
        email_port=int(os.environ.get("PLANSERV_EMAIL_PORT", "25")),
        email_user=os.environ.get("PLANSERV_EMAIL_USER", ""),
        email_password=os.environ.get("PLANSERV_EMAIL_PASSWORD", ""),
        email_use_tls=_flag("PLANSERV_EMAIL_USE_TLS", default=False),
        default_from_email=os.environ.get(
            "PLANSERV_FROM_EMAIL", "Planning Services <planning-services@example.com>"
        ),
        site_url=os.environ.get("PLANSERV_SITE_URL", "http://127.0.0.1:8000"),
        test_postgres_url=os.environ.get("PLANSERV_TEST_POSTGRES_URL", ""),
        # Connections a sweep (expiry, removal) spreads its batches over (core/partitions.py).
        sweep_workers=int(os.environ.get("PLANSERV_SWEEP_WORKERS", "2") or 2),
        # Admission control (core/admission.py, PERF-5): requests in flight per process; 0 = off.
        max_inflight=int(os.environ.get("PLANSERV_MAX_INFLIGHT", "0") or 0),
        inflight_write_reserve=(
            int(os.environ["PLANSERV_INFLIGHT_WRITE_RESERVE"])
            if os.environ.get("PLANSERV_INFLIGHT_WRITE_RESERVE")
            else None
        ),
        # Log lines: "json" (one object a line) or "text"; empty: json in production, text else.
        log_format=os.environ.get("PLANSERV_LOG_FORMAT", "").strip().lower(),
        # /metrics answers only with `Authorization: Bearer <this>`; empty: /metrics is 404.
        metrics_token=os.environ.get("PLANSERV_METRICS_TOKEN", ""),
        # prometheus_client's own variable: the directory where gunicorn's processes share their
        # request metrics (multiprocess mode); the library reads it too. Empty: one process.
        metrics_multiprocess_dir=os.environ.get("PROMETHEUS_MULTIPROC_DIR", ""),
        # /ready thresholds (docs/operations.md, "Health, metrics and logs").
        ready_outbox_backlog_max=_int("PLANSERV_READY_OUTBOX_BACKLOG_MAX", 1000),
        ready_outbox_oldest_seconds=_int("PLANSERV_READY_OUTBOX_OLDEST_SECONDS", 900),
        ready_runner_stale_seconds=_int("PLANSERV_READY_RUNNER_STALE_SECONDS", 600),
        # Sent mail keeps its row (who, what, when) but its body is blanked after this many days.
        retention_mail_body_days=_int("PLANSERV_RETENTION_MAIL_BODY_DAYS", 400),
        # One webhook POST may take this long before it counts as a failed attempt.
        webhook_timeout_seconds=_int("PLANSERV_WEBHOOK_TIMEOUT_SECONDS", 10),
    )


ENV = read_environment()
