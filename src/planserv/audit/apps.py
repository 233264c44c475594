from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules


class AuditConfig(AppConfig):
    name = "planserv.audit"
    label = "audit"

    def ready(self) -> None:
        # Each app's `events.py` registers its payload classes (audit/events.py: PAYLOADS), so
        # `payload_of()` knows them all whatever the caller imported; the audit layer itself
        # imports no app above it.
        autodiscover_modules("events")
