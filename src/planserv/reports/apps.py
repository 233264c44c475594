from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "planserv.reports"
    label = "reports"

    def ready(self) -> None:
        from planserv.customers.ledger.selectors import COUNTERS, summary_check_register
        from planserv.reports.counters import counter_mismatches

        summary_check_register(COUNTERS, counter_mismatches)
