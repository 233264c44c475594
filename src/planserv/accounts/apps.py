from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "planserv.accounts"
    label = "accounts"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from planserv.accounts.middleware import second_factor_pending_at_login

        user_logged_in.connect(second_factor_pending_at_login, dispatch_uid="second_factor")
