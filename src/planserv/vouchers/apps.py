from django.apps import AppConfig


class VouchersConfig(AppConfig):
    name = "planserv.vouchers"
    label = "vouchers"
