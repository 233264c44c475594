from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "planserv.api"
    label = "api"

    def ready(self) -> None:
        from planserv.api.idempotency import idempotency_records_purge
        from planserv.api.ratelimit import rate_counters_purge
        from planserv.jobs.registry import DailyJob, register_daily_job

        register_daily_job(
            DailyJob(
                name="retention.idempotency_keys",
                run=idempotency_records_purge,
                description="Delete API Idempotency-Key records older than 7 days.",
            )
        )
        register_daily_job(
            DailyJob(
                name="retention.api_rate_counters",
                run=rate_counters_purge,
                description="Delete API rate-limit counters of windows that have ended.",
            )
        )
