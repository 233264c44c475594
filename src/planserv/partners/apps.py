from django.apps import AppConfig


class PartnersConfig(AppConfig):
    name = "planserv.partners"
    label = "partners"
