from django.apps import AppConfig


class SupportConfig(AppConfig):
    name = "planserv.support"
    label = "support"
