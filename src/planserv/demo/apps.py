from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "planserv.demo"
    label = "demo"
