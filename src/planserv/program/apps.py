from django.apps import AppConfig


class ProgramConfig(AppConfig):
    name = "planserv.program"
    label = "program"
