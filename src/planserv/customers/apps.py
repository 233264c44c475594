from django.apps import AppConfig


class CustomersConfig(AppConfig):
    name = "planserv.customers"
    label = "customers"
