from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "planserv.core"
    label = "core"
    verbose_name = "Program kernel"
