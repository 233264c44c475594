from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "planserv.audit"
    label = "audit"
