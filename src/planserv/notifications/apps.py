from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "planserv.notifications"
    label = "notifications"
