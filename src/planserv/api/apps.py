from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "planserv.api"
    label = "api"

    def ready(self) -> None:
        from planserv.api.idempotency import idempotency_records_purge
        from planserv.jobs.registry import DailyJob, register_daily_job

        register_daily_job(
            DailyJob(
                name="retention.idempotency_keys",
                run=idempotency_records_purge,
                description="Delete API Idempotency-Key records older than 7 days.",
            )
        )
