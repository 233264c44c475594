from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "planserv.portal"
    label = "portal"
