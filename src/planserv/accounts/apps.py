from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "planserv.accounts"
    label = "accounts"
