from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "planserv.reports"
    label = "reports"
