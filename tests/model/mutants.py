"""REL-4 sensitivity: the planted bugs ("mutants") and the tests that must catch each one.

A mutant is applied to a pytest process by the plugin `tests.model.mutant_plugin` when the
environment names it (`PLANSERV_MUTANT=<name>`); every patch replaces one precise function, method
or predicate of the product with the buggy version, in every module that imported it.
`tests/model/run_mutants.py` (`make mutants`) and `tests/model/test_planted_bugs.py` (`make test`)
run each mutant's catching tests in a subprocess and require them to FAIL.
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

STATE_MACHINE = "tests/model/test_program_model.py"


@dataclass(frozen=True)
class Mutant:
    name: str
    bug: str  # what the planted bug is, in one line
    where: str  # the product code it replaces
    apply: Callable[[], None]
    tests: tuple[str, ...]  # narrow, deterministic catching tests (pytest node ids / -k exprs)
    machine: bool = True  # the REL-4 state machine is expected to catch it too
    postgres_only: bool = False  # only observable with real row locks
    env: dict[str, str] = field(default_factory=dict)


def replace_everywhere(original: Any, replacement: Any) -> int:
    """Rebind every planserv module attribute that is `original` to `replacement`."""
    count = 0
    for name, module in list(sys.modules.items()):
        if not name.startswith("planserv") or module is None:
            continue
        for attribute, value in list(vars(module).items()):
            if value is original:
                setattr(module, attribute, replacement)
                count += 1
    assert count, f"nothing to patch for {original!r}"
    return count


def _import_all() -> None:
    """Import the modules a patch must reach (their `from x import y` bindings included)."""
    import planserv.api.idempotency
    import planserv.customers.ledger.services
    import planserv.customers.services.removal
    import planserv.jobs.registry
    import planserv.payments.services.request
    import planserv.program.calendar
    import planserv.vouchers.services.create
    import planserv.vouchers.services.expire
    import planserv.vouchers.services.redeem  # noqa: F401


# ---- the bugs --------------------------------------------------------------------------------
def skip_lock() -> None:
    """ledger_move reads the two balances without FOR UPDATE (check-then-act race)."""
    from planserv.customers.ledger import services
    from planserv.customers.models import LedgerAccount

    def unlocked(agreement: Any, source: str, destination: str) -> dict[str, Any]:
        return {
            account.kind: account
            for account in LedgerAccount.objects.filter(
                agreement_id=agreement.pk, kind__in=[source, destination]
            ).order_by("pk")
        }

    services._lock_pair = unlocked  # type: ignore[assignment]


def deadline_lt() -> None:
    """`<` for `<=`: a voucher counts as expired ON its expiry date (usable through the day
    before), online and in the sweep alike."""
    from django.db.models import Q

    from planserv.vouchers import rules
    from planserv.vouchers.lifecycle import LIVE_STATUSES

    def expired_on_its_last_day(today: dt.date) -> Q:
        return Q(status__in=sorted(LIVE_STATUSES), expiry_date__lte=today)

    replace_everywhere(rules.expiry_passed, expired_on_its_last_day)


def no_expiry_return() -> None:
    """The expiry sweep marks vouchers expired but never writes the held → available return
    entry (R-EXP-1): the days stay held."""
    from planserv.customers.ledger.accounts import AccountKind
    from planserv.vouchers.services import expire

    original = expire.ledger_move_selected

    def without_returns(*, destination: str, **kwargs: Any) -> int:
        if destination == AccountKind.AVAILABLE:
            return 0  # the return entries are never written
        return original(destination=destination, **kwargs)

    expire.ledger_move_selected = without_returns  # type: ignore[assignment]


def no_tenant_check() -> None:
    """A customer may act on another customer's voucher (R-ROLE-1): the tenant check of the
    voucher services is skipped."""
    from planserv.vouchers.services import _common

    replace_everywhere(_common.require_customer, lambda actor, voucher: None)


def no_idempotency_claim() -> None:
    """The Idempotency-Key middleware passes every request through without claiming the key."""
    from planserv.api.idempotency import IdempotencyMiddleware

    def passthrough(self: Any, request: Any) -> Any:
        return self.get_response(request)

    IdempotencyMiddleware.__call__ = passthrough  # type: ignore[method-assign]


def removal_twice() -> None:
    """The removal runs again on every later day, with a key per run day, so days that reach
    `available` after the removal (an operator's grant) are removed a second time."""
    from unittest import mock

    from planserv.customers.services import removal
    from planserv.jobs import registry
    from planserv.program.calendar import calendar_get

    def every_day_from_the_removal(*, day: dt.date, actor: Any, at: dt.datetime) -> Any:
        if day < calendar_get().removal_date:
            return {"batches": 0, "agreements": 0, "entries": 0}
        with mock.patch.object(removal, "removal_key_prefix", return_value=f"removal:{day}:"):
            return removal.removal_run(as_of=day, actor=actor, at=at).counts()

    registry.removal_job = every_day_from_the_removal  # type: ignore[assignment]


def redeem_after_last_day() -> None:
    """R-RED-1's last redemption day is not checked."""
    from planserv.program.calendar import ProgramCalendar

    ProgramCalendar.redemption_open = lambda self, today: True  # type: ignore[method-assign]


def payment_after_window() -> None:
    """R-PAY-2: a payment request is accepted on day 61 after redemption."""
    from planserv.program.calendar import ProgramCalendar

    def one_day_more(self: ProgramCalendar, redeemed_on: dt.date, today: dt.date) -> bool:
        return today <= self.last_payment_request_date(redeemed_on) + dt.timedelta(days=1)

    ProgramCalendar.payment_request_open = one_day_more  # type: ignore[method-assign]


MUTANTS = {
    m.name: m
    for m in (
        Mutant(
            "skip_lock",
            "ledger_move checks the balance without locking the account rows",
            "customers/ledger/services.py _lock_pair",
            skip_lock,
            (
                "tests/customers/test_ledger_concurrency.py::"
                "test_64_concurrent_10_day_holds_on_a_300_day_pool_exactly_30_succeed_rel_2",
            ),
            machine=False,
            postgres_only=True,
        ),
        Mutant(
            "deadline_lt",
            "`<` for `<=` at the expiry deadline (expired on its last usable day)",
            "vouchers/rules.py expiry_passed",
            deadline_lt,
            ("tests/vouchers/test_deadlines.py::TestExpiry180Days",),
        ),
        Mutant(
            "no_expiry_return",
            "no return entry on expiry: the sweep leaves the days held",
            "vouchers/services/expire.py ledger_move_batch call",
            no_expiry_return,
            ("tests/vouchers/test_sweep.py",),
        ),
        Mutant(
            "no_tenant_check",
            "no tenant check: a customer cancels another customer's voucher",
            "vouchers/services/_common.py require_customer",
            no_tenant_check,
            ("tests/vouchers/test_refusals.py",),
        ),
        Mutant(
            "no_idempotency_claim",
            "no idempotency claim: a replayed POST runs twice",
            "api/idempotency.py IdempotencyMiddleware.__call__",
            no_idempotency_claim,
            ("tests/api/test_idempotency.py",),
            machine=False,
        ),
        Mutant(
            "removal_twice",
            "removal twice: the removal runs again after its day and removes later days",
            "jobs/registry.py removal_job",
            removal_twice,
            ("tests/customers/test_removal.py",),
        ),
        Mutant(
            "redeem_after_last_day",
            "redeem after the last redemption day",
            "program/calendar.py ProgramCalendar.redemption_open",
            redeem_after_last_day,
            ("tests/vouchers/test_deadlines.py::TestLastRedemptionDay",),
        ),
        Mutant(
            "payment_after_window",
            "payment request accepted 61 days after redemption",
            "program/calendar.py ProgramCalendar.payment_request_open",
            payment_after_window,
            ("tests/payments/test_request.py",),
        ),
    )
}


def apply(name: str) -> Mutant:
    mutant = MUTANTS[name]
    _import_all()
    mutant.apply()
    return mutant
