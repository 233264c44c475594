from django.apps import AppConfig


class GuidanceConfig(AppConfig):
    name = "planserv.guidance"
    label = "guidance"
