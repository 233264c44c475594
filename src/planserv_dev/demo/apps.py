from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "planserv_dev.demo"
    label = "demo"
