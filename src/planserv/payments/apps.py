from django.apps import AppConfig


class PaymentsConfig(AppConfig):
    name = "planserv.payments"
    label = "payments"
