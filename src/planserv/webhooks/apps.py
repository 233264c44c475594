from django.apps import AppConfig


class WebhooksConfig(AppConfig):
    name = "planserv.webhooks"
    label = "webhooks"
    verbose_name = "Webhooks"
