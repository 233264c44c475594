from django.apps import AppConfig


class JobsConfig(AppConfig):
    name = "planserv.jobs"
    label = "jobs"
