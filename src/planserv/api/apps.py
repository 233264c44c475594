from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "planserv.api"
    label = "api"
