"""REL-4: the whole program as a Hypothesis state machine, checked against `reference.Model`.

The world (2 customers, 3 agreements, 3 partner firms, a reviewer, a program admin) is built once
per test through the factories; every example runs inside a savepoint on top of it and is rolled
back in `teardown`, so each example starts from the same clean state. Rules call the real
services (not HTTP) with the model's `today`; after every step the invariants compare the balances
per agreement account (and R-LED-3 on the example's agreements), every voucher's status, holder,
expiry and redemption date, and every payment request's status. `teardown` runs
`assert_ledger_consistent()` over the whole database (R-LED-1..3).

Clock: a move of up to `EVERY_DAY_LIMIT` days runs the daily job runner
(`jobs.runner.run_daily_jobs_through`) for every day passed. A longer jump runs it on each day the
reference model names as one where a job may change state (coverage-year starts, the R-EXT-1 day,
the removal date, the day after each voucher's expiry, the target) and advances the runner's
`completed_through` over the days between: at ~30 ms per program day, a 2-year history run day by
day would cost 20 s per example. The runner itself (every day once, resumable) is tested in
tests/jobs/test_runner.py. The test runs only the state-changing jobs (`STATE_JOBS`).
"""

from __future__ import annotations

import datetime as dt
import sys
from collections import Counter
from dataclasses import dataclass, replace
from typing import Any

from django.db import transaction
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    precondition,
    rule,
)

from planserv.core.actor import Actor
from planserv.core.errors import DomainError
from planserv.customers.ledger.accounts import AccountKind
from planserv.customers.models import LedgerAccount, LedgerEntry, LicensingAgreement
from planserv.customers.services import (
    agreement_activate,
    manual_grant,
    training_convert,
    training_grant,
)
from planserv.jobs.models import RunnerState
from planserv.jobs.runner import run_daily_jobs_through
from planserv.payments.models import PaymentRequest
from planserv.payments.services import (
    payment_registration_create,
    payment_request_approve,
    payment_request_deny,
    payment_request_file,
    payment_request_hold,
    payment_request_respond,
    payment_run_build,
    payment_run_confirm,
)
from planserv.program.models import ProgramSettings
from planserv.vouchers.models import Reservation, Voucher
from planserv.vouchers.services import (
    voucher_cancel,
    voucher_change_start_date,
    voucher_create_and_assign,
    voucher_redeem,
    voucher_release,
    voucher_report_delivery,
    voucher_reserve,
    voucher_validate,
)
from tests.customers.ledger_checks import assert_ledger_consistent
from tests.factories import accounts as account_factory
from tests.factories import customers as customer_factory
from tests.factories import payments as payment_factory
from tests.factories import vouchers as voucher_factory
from tests.model import reference as ref

D = dt.date
ONE = dt.timedelta(days=1)
EVERY_DAY_LIMIT = 3
HORIZON = D(2022, 4, 30)
# Each example starts on one of these days: just before every milestone of the calendar.
STARTS = [D(2020, 1, 20), D(2020, 3, 25), D(2020, 6, 22), D(2021, 1, 18), D(2021, 6, 21)]
STARTS += [D(2021, 6, 28)]
TYPES = {False: "windows-office-deployment", True: "azure-deployment"}
GROUPS = ["", "North", "South", "East"]
MILESTONE_TARGETS = [*ref.MILESTONES, ref.EXT_LIVE_ON, D(2020, 7, 1)]


def at(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(10, 0), tzinfo=dt.UTC)


@dataclass
class World:
    """The rows and actors every example starts from (built once per test)."""

    agreements: dict[str, LicensingAgreement]
    admins: dict[str, Actor]  # customer key -> benefits_admin actor
    managers: dict[str, str]  # customer key -> assignee email
    firms: dict[str, voucher_factory.Firm]
    global_admins: dict[str, Actor]
    reviewer: Actor
    confirmer: Actor  # a second payment reviewer (R-PAY-6: the builder never confirms)
    program_admin: Actor
    model_agreements: list[ref.Agreement]
    model_firms: list[ref.Firm]


def _yearly(agreement: LicensingAgreement) -> dict[dt.date, int]:
    """What the seeded accrual scale grants on each coverage-year start (R-ACC-1), computed here
    from the scale's rows: the highest band reached, a third of the term per year."""
    from planserv.program.models import AccrualBand

    term = 0
    for line in agreement.coverage_lines.all():
        bands = AccrualBand.objects.filter(
            product_pool=line.product_pool, minimum_quantity__lte=line.quantity
        ).values_list("days_per_term", flat=True)
        term += max(bands, default=0)
    out = {}
    for index in range(3):
        day = agreement.start_date.replace(year=agreement.start_date.year + index)
        if day <= agreement.end_date:
            out[day] = term * (index + 1) // 3 - term * index // 3
    return out


def build_world() -> World:
    """C1 with A1 (active to mid-2022, activated, 60 days, 20 training days) and A2 (ends
    2021-03-31, not activated, 30 days); C2 with B1 (activated, 30 days). Firms: F1 (US,
    enrolled until 2023), F2 (US, enrollment ends 2021-08-27), F3 (DE location only)."""
    c1 = account_factory.organisation("customer", name="Model Customer One", country="US")
    c2 = account_factory.organisation("customer", name="Model Customer Two", country="US")
    pool1 = voucher_factory.customer_pool(days=60, customer=c1)
    a2 = customer_factory.agreement(c1, end_date=D(2021, 3, 31))
    customer_factory.grant(a2, 30)
    pool2 = voucher_factory.customer_pool(days=30, customer=c2)
    training_grant(
        agreement=pool1.agreement,
        training_days=20,
        reason="model",
        actor=customer_factory.OPERATOR,
        today=D(2020, 1, 6),
        at=at(D(2020, 1, 6)),
    )
    settings_row = ProgramSettings.objects.get(singleton=1)
    firms = {}
    model_firms = []
    for key, country, enrolled, term in (
        ("F1", "US", D(2019, 12, 2), 1200),
        ("F2", "US", D(2020, 1, 6), 600),
        ("F3", "DE", D(2019, 12, 2), 1200),
    ):
        ProgramSettings.objects.filter(singleton=1).update(enrollment_term_days=term)
        firms[key] = voucher_factory.eligible_firm(country=country, enrolled_on=enrolled)
        model_firms.append(ref.Firm(key, country, enrolled, enrolled + dt.timedelta(days=term - 1)))
    # The world's one calendar change: vouchers live 200 days (operator-editable, R-VOU-6), so
    # a voucher created in the last week of June 2021 is still live on the last redemption day.
    ProgramSettings.objects.filter(singleton=1).update(
        enrollment_term_days=settings_row.enrollment_term_days,
        voucher_validity_days=ref.VALIDITY,
    )
    agreements = {"A1": pool1.agreement, "A2": a2, "B1": pool2.agreement}
    customers = {"A1": "C1", "A2": "C1", "B1": "C2"}
    model_agreements = []
    for key, agreement in agreements.items():
        agreement = LicensingAgreement.objects.prefetch_related("coverage_lines").get(
            pk=agreement.pk
        )
        agreements[key] = agreement
        model_agreements.append(
            ref.Agreement(
                key=key,
                customer=customers[key],
                start=agreement.start_date,
                end=agreement.end_date,
                activated=agreement.is_activated,
                yearly=_yearly(agreement),
            )
        )
    return World(
        agreements=agreements,
        admins={"C1": pool1.admin_actor, "C2": pool2.admin_actor},
        managers={"C1": pool1.manager_email, "C2": pool2.manager_email},
        firms=firms,
        global_admins={
            # registering bank details needs the second factor (R-PPL-3): these passed it
            key: replace(
                voucher_factory.actor(payment_factory.global_admin(firm.organisation)),
                second_factor=True,
            )
            for key, firm in firms.items()
        },
        reviewer=payment_factory.reviewer(),
        confirmer=payment_factory.reviewer("confirmer"),
        program_admin=voucher_factory.actor(
            account_factory.member(payment_factory.operator_org(), "program_admin")
        ),
        model_agreements=model_agreements,
        model_firms=model_firms,
    )


# The jobs that change state the model tracks; the reminder jobs only write email to the outbox
# (REL-9 and tests/jobs cover them) and are left out of the model's runner for speed.
STATE_JOBS = (
    "customers.accrual",
    "vouchers.expiry_extensions",
    "vouchers.expiry_sweep",
    "customers.removal",
)


def state_jobs_only(original: Any) -> Any:
    def daily_jobs() -> list[Any]:
        return [job for job in original() if job.name in STATE_JOBS]

    return daily_jobs


def outcome(act: Any) -> tuple[str, Any]:
    """Run a service call: ("ok", its result) or (the refusal code, None)."""
    try:
        return "ok", act()
    except DomainError as refused:
        return refused.code, None


# (rule, outcome) -> how often, over a whole test run (printed as the run's coverage).
OUTCOMES: Counter[tuple[str, str]] = Counter()


class ProgramMachine(RuleBasedStateMachine):
    world: World  # set by the test before the machine runs

    def __init__(self) -> None:
        super().__init__()
        self._atomic = transaction.atomic()
        self._atomic.__enter__()
        self.model: ref.Model | None = None
        self.voucher_pks: list[int] = []
        self.request_ids: list[str] = []
        self.steps: list[str] = []

    def teardown(self) -> None:
        try:
            if self.model is not None:
                assert_ledger_consistent()
        finally:
            self._rollback()

    def _rollback(self) -> None:
        transaction.set_rollback(True)
        self._atomic.__exit__(None, None, None)

    # ---- helpers --------------------------------------------------------------------------
    @property
    def m(self) -> ref.Model:
        assert self.model is not None
        return self.model

    @property
    def today(self) -> dt.date:
        return self.m.today

    def expect(self, action: str, expected: str, actual: str) -> None:
        OUTCOMES[(sys._getframe(1).f_code.co_name, actual)] += 1
        note = f"{self.today} {action}: model {expected}, system {actual}"
        self.steps.append(note)
        assert expected == actual, "REL-4 model and system disagree: " + note

    def voucher(self, index: int) -> Voucher:
        return Voucher.objects.select_related("agreement").get(pk=self.voucher_pks[index])

    def pick(self, data: st.DataObject, items: list[Any], label: str) -> Any:
        """One of `items`, drawn by index so the shrunk story reads `Draw 1 (voucher): 0`."""
        return items[data.draw(st.integers(0, len(items) - 1), label=label)]

    # ---- setup ----------------------------------------------------------------------------
    @initialize(
        start=st.sampled_from(STARTS),
        first=st.lists(
            st.tuples(st.sampled_from(["A1", "A1", "B1"]), st.sampled_from([1, 3, 5, 10])),
            min_size=1,
            max_size=3,
        ),
    )
    def start(self, start: dt.date, first: list[tuple[str, int]]) -> None:
        """The example's first day, and one to three vouchers created on it."""
        self._start(start)
        for agreement, days in first:
            self.create(agreement=agreement, stranger=False, cloud=False, days=days, group="")

    def _start(self, start: dt.date) -> None:
        import copy

        RunnerState.objects.update_or_create(
            singleton=1, defaults={"completed_through": start - ONE, "lease_owner": ""}
        )
        agreements = copy.deepcopy(self.world.model_agreements)
        for a in agreements:
            accounts = LedgerAccount.objects.filter(agreement_id=self.world.agreements[a.key].pk)
            for account in accounts:
                if account.kind in ref.ACCOUNTS:
                    a.balances[account.kind] = account.balance
                elif account.kind == AccountKind.ISSUED:
                    a.issued = -account.balance
                elif account.kind == AccountKind.TRAINING:
                    a.training = account.balance
        self.model = ref.Model(start, agreements, copy.deepcopy(self.world.model_firms))

    # ---- the clock ------------------------------------------------------------------------
    def _advance(self, target: dt.date) -> None:
        target = min(target, HORIZON)
        if target <= self.today:
            return
        if (target - self.today).days <= EVERY_DAY_LIMIT:
            days = [self.today + ONE * n for n in range(1, (target - self.today).days + 1)]
        else:
            days = sorted(self.m.interesting_days(self.today, target))
        for day in days:
            RunnerState.objects.filter(singleton=1, completed_through__lt=day - ONE).update(
                completed_through=day - ONE
            )
            report = run_daily_jobs_through(through=day)
            assert not report.failed, [run.error for run in report.failed]
            self.m.run_day(day)
        self.steps.append(f"clock {self.today} -> {target} ({len(days)} job days)")
        self.m.today = target

    @rule(data=st.data(), long=st.booleans())
    def clock_step(self, data: st.DataObject, long: bool) -> None:
        """A few days (every day's jobs run) or a long jump of up to 150 days."""
        low, high = (EVERY_DAY_LIMIT + 1, 150) if long else (1, EVERY_DAY_LIMIT)
        self._advance(self.today + ONE * data.draw(st.integers(low, high), label="days"))

    @rule(data=st.data(), deadline=st.booleans(), offset=st.sampled_from([-1, 0, 1]))
    def clock_to_edge(self, data: st.DataObject, deadline: bool, offset: int) -> None:
        """To the day before, of or after a milestone, or a voucher's expiry or payment deadline."""
        edges = MILESTONE_TARGETS
        if deadline and self.m.vouchers:
            edges = [v.expiry for v in self.m.vouchers] + [
                v.last_payment_day for v in self.m.vouchers if v.last_payment_day
            ]
        self._advance(data.draw(st.sampled_from(edges), label="edge") + ONE * offset)

    # ---- customers ------------------------------------------------------------------------
    @rule(
        agreement=st.sampled_from(["A1", "A2", "B1"]),
        stranger=st.sampled_from([False, False, True]),
    )
    def activate(self, agreement: str, stranger: bool) -> None:
        customer = self._customer(agreement, stranger)
        expected = self.m.activate(agreement, customer)
        actual, _ = outcome(
            lambda: agreement_activate(
                agreement=self.world.agreements[agreement],
                actor=self.world.admins[customer],
                today=self.today,
                at=at(self.today),
            )
        )
        self.expect(f"{customer} activates {agreement}", expected, actual)

    def _customer(self, agreement: str, stranger: bool) -> str:
        owner = self.m.agreements[agreement].customer
        return ({"C1", "C2"} - {owner}).pop() if stranger else owner

    @rule(
        agreement=st.sampled_from(["A1", "A2", "B1"]), days=st.integers(min_value=1, max_value=20)
    )
    def grant(self, agreement: str, days: int) -> None:
        """An operator grants planning days (a manual grant or correction, R-ACC-1)."""
        expected = self.m.grant(agreement, days)
        actual, _ = outcome(
            lambda: manual_grant(
                agreement=self.world.agreements[agreement],
                days=days,
                reason="Model grant",
                actor=self.world.program_admin,
                today=self.today,
                at=at(self.today),
            )
        )
        self.expect(f"operator grants {days} days on {agreement}", expected, actual)

    @rule(
        stranger=st.sampled_from([False, False, True]), days=st.integers(min_value=1, max_value=12)
    )
    def convert_training(self, stranger: bool, days: int) -> None:
        customer = self._customer("A1", stranger)
        expected = self.m.convert("A1", customer, days)
        actual, _ = outcome(
            lambda: training_convert(
                agreement=self.world.agreements["A1"],
                training_days=days,
                actor=self.world.admins[customer],
                today=self.today,
                at=at(self.today),
            )
        )
        self.expect(f"{customer} converts {days} training days on A1", expected, actual)

    @rule(
        agreement=st.sampled_from(["A1", "A1", "A2", "B1"]),
        stranger=st.sampled_from([False] * 5 + [True]),
        cloud=st.sampled_from([False] * 5 + [True]),
        days=st.sampled_from([1, 3, 5, 5, 5, 10, 15, 2]),
        group=st.sampled_from(GROUPS),
    )
    def create(self, agreement: str, stranger: bool, cloud: bool, days: int, group: str) -> None:
        customer = self._customer(agreement, stranger)
        expected, created = self.m.create(agreement, customer, cloud=cloud, days=days, group=group)
        actual, voucher = outcome(
            lambda: voucher_create_and_assign(
                agreement=self.world.agreements[agreement],
                engagement_type=voucher_factory.engagement_type(TYPES[cloud]),
                days=days,
                assignee_email=self.world.managers[customer],
                division=group,
                actor=self.world.admins[customer],
                today=self.today,
                at=at(self.today),
            )
        )
        self.expect(
            f"{customer} creates a {days}-day {'cloud ' if cloud else ''}voucher on {agreement}"
            f" [{group}]",
            expected,
            actual,
        )
        if voucher is not None:
            assert created is not None
            self.voucher_pks.append(voucher.pk)

    @precondition(lambda self: self.model is not None and self.m.vouchers)
    @rule(data=st.data(), stranger=st.sampled_from([False, False, False, True]))
    def cancel(self, data: st.DataObject, stranger: bool) -> None:
        v = self.pick(data, self.m.vouchers, "voucher")
        customer = self._customer(v.agreement, stranger)
        expected = self.m.cancel(v, customer)
        actual, _ = outcome(
            lambda: voucher_cancel(
                voucher=self.voucher(v.key),
                actor=self.world.admins[customer],
                today=self.today,
                at=at(self.today),
            )
        )
        self.expect(f"{customer} cancels voucher {v.key}", expected, actual)

    # ---- partners -------------------------------------------------------------------------
    def _firm_actor(self, firm: str) -> Actor:
        return self.world.firms[firm].admin_actor

    @precondition(lambda self: self.model is not None and self.m.vouchers)
    @rule(data=st.data(), firm=st.sampled_from(["F1", "F2", "F3"]), right=st.booleans())
    def validate(self, data: st.DataObject, firm: str, right: bool) -> None:
        v = self.pick(data, self.m.vouchers, "voucher")
        expected = self.m.validate(v, right)
        row = self.voucher(v.key)
        actual, _ = outcome(
            lambda: voucher_validate(
                voucher_id=row.voucher_id,
                email=row.assignee_email if right else "someone@example.test",
                actor=self._firm_actor(firm),
                today=self.today,
            )
        )
        self.expect(f"{firm} validates voucher {v.key}", expected, actual)

    def do_reserve(self, v: ref.Voucher, firm: str, start_offset: int) -> None:
        expected = self.m.reserve(v, firm, start_offset)
        row = self.voucher(v.key)
        actual, _ = outcome(
            lambda: voucher_reserve(
                voucher_id=row.voucher_id,
                email=row.assignee_email,
                location_id=self.world.firms[firm].location.location_id,
                start_date=self.today + ONE * start_offset,
                accept_terms=True,
                actor=self._firm_actor(firm),
                today=self.today,
                at=at(self.today),
            )
        )
        self.expect(f"{firm} reserves voucher {v.key} (start {start_offset:+d})", expected, actual)

    @precondition(lambda self: self.model is not None and self.m.vouchers)
    @rule(
        data=st.data(),
        firms=st.lists(st.sampled_from(["F1", "F2", "F3"]), min_size=1, max_size=3),
        start_offset=st.sampled_from([0, 0, 3, 30, -1, 400]),
    )
    def reserve(self, data: st.DataObject, firms: list[str], start_offset: int) -> None:
        """One or several firms compete, one after the other, for the same voucher."""
        v = self.pick(data, self.m.vouchers, "voucher")
        for firm in firms:
            self.do_reserve(v, firm, start_offset)

    def _held_rule(self, data: st.DataObject) -> tuple[ref.Voucher, str]:
        """A voucher and a firm, mostly its holder."""
        v = self.pick(data, self.m.vouchers, "voucher")
        holder = v.holder or "F1"
        firm = data.draw(st.sampled_from([holder, holder, holder, "F1", "F2"]), label="firm")
        return v, firm

    @precondition(lambda self: self.model is not None and self.m.vouchers)
    @rule(data=st.data(), start_offset=st.sampled_from([0, 5, 20, -1, 400]))
    def change_start(self, data: st.DataObject, start_offset: int) -> None:
        v, firm = self._held_rule(data)
        expected = self.m.change_start(v, firm, start_offset)
        actual, _ = outcome(
            lambda: voucher_change_start_date(
                voucher=self.voucher(v.key),
                start_date=self.today + ONE * start_offset,
                actor=self._firm_actor(firm),
                today=self.today,
                at=at(self.today),
            )
        )
        self.expect(
            f"{firm} moves the start of voucher {v.key} ({start_offset:+d})", expected, actual
        )

    @precondition(lambda self: self.model is not None and self.m.vouchers)
    @rule(data=st.data())
    def release(self, data: st.DataObject) -> None:
        v, firm = self._held_rule(data)
        expected = self.m.release(v, firm)
        actual, _ = outcome(
            lambda: voucher_release(
                voucher=self.voucher(v.key),
                actor=self._firm_actor(firm),
                today=self.today,
                at=at(self.today),
            )
        )
        self.expect(f"{firm} releases voucher {v.key}", expected, actual)

    def do_report(self, v: ref.Voucher, firm: str) -> None:
        expected = self.m.report(v, firm)
        row = self.voucher(v.key)
        reservation = Reservation.objects.filter(voucher=row, is_active=True).order_by("pk").first()
        start = reservation.reserved_on if reservation else self.today
        actual, _ = outcome(
            lambda: voucher_report_delivery(
                voucher=row,
                report=voucher_factory.report_input(
                    row, self.world.firms[firm], start=start, end=self.today
                ),
                actor=self._firm_actor(firm),
                today=self.today,
                at=at(self.today),
            )
        )
        self.expect(f"{firm} reports voucher {v.key} delivered", expected, actual)

    @precondition(lambda self: self.model is not None and self.m.vouchers)
    @rule(data=st.data())
    def report(self, data: st.DataObject) -> None:
        self.do_report(*self._held_rule(data))

    def do_redeem(self, v: ref.Voucher, firm: str) -> None:
        expected = self.m.redeem(v, firm)
        actual, _ = outcome(
            lambda: voucher_redeem(
                voucher=self.voucher(v.key),
                location_id=self.world.firms[firm].location.location_id,
                actor=self._firm_actor(firm),
                today=self.today,
                at=at(self.today),
            )
        )
        self.expect(f"{firm} redeems voucher {v.key}", expected, actual)

    @precondition(lambda self: self.model is not None and self.m.vouchers)
    @rule(data=st.data())
    def redeem(self, data: st.DataObject) -> None:
        self.do_redeem(*self._held_rule(data))

    def do_register(self, firm: str) -> None:
        expected = self.m.register(firm)
        actual, _ = outcome(
            lambda: payment_registration_create(
                offering_code="DDPS",
                details=payment_factory.details("US"),
                actor=self.world.global_admins[firm],
                today=self.today,
                at=at(self.today),
            )
        )
        self.expect(f"{firm} registers for payment", expected, actual)

    @precondition(lambda self: self.model is not None and self.m.vouchers)
    @rule(firm=st.sampled_from(["F1", "F2"]))
    def register_for_payment(self, firm: str) -> None:
        self.do_register(firm)

    def do_request(self, v: ref.Voucher, firm: str) -> None:
        expected, _ = self.m.request_payment(v, firm)
        actual, filed = outcome(
            lambda: payment_request_file(
                voucher_id=self.voucher(v.key).voucher_id,
                location_id=self.world.firms[firm].location.location_id,
                actor=self._firm_actor(firm),
                today=self.today,
                at=at(self.today),
            )
        )
        self.expect(f"{firm} requests payment for voucher {v.key}", expected, actual)
        if filed is not None:
            self.request_ids.append(filed.public_id)

    @precondition(lambda self: self.model is not None and self.m.vouchers)
    @rule(data=st.data())
    def request_payment(self, data: st.DataObject) -> None:
        self.do_request(*self._held_rule(data))

    # ---- operator -------------------------------------------------------------------------
    def do_review(self, r: ref.Request, decision: str) -> None:
        expected = self.m.review(r, decision)
        public_id = self.request_ids[r.key]
        common = {"public_id": public_id, "actor": self.world.reviewer, "today": self.today}
        calls = {
            "approve": lambda: payment_request_approve(**common, at=at(self.today)),
            "hold": lambda: payment_request_hold(
                **common, question="Which sites?", at=at(self.today)
            ),
            "deny": lambda: payment_request_deny(**common, reason="Duplicate", at=at(self.today)),
        }
        actual, _ = outcome(calls[decision])
        self.expect(f"reviewer {decision}s request {r.key}", expected, actual)

    @precondition(lambda self: self.model is not None and self.m.requests)
    @rule(data=st.data(), decision=st.sampled_from(["approve", "approve", "hold", "deny"]))
    def review(self, data: st.DataObject, decision: str) -> None:
        self.do_review(self.pick(data, self.m.requests, "request"), decision)

    def do_respond(self, r: ref.Request, firm: str) -> None:
        expected = self.m.respond(r, firm)
        actual, _ = outcome(
            lambda: payment_request_respond(
                public_id=self.request_ids[r.key],
                answer="All sites in Seattle.",
                actor=self._firm_actor(firm),
                today=self.today,
                at=at(self.today),
            )
        )
        self.expect(f"{firm} answers request {r.key}", expected, actual)

    @precondition(lambda self: self.model is not None and self.m.requests)
    @rule(data=st.data())
    def respond(self, data: st.DataObject) -> None:
        r = self.pick(data, self.m.requests, "request")
        self.do_respond(r, data.draw(st.sampled_from([r.firm, r.firm, "F1", "F2"]), label="firm"))

    def do_build_run(self, offset: int) -> None:
        """The run of this month (0), the previous one (-1) or the next one (1, refused)."""
        month = self.today.replace(day=1)
        if offset < 0:
            month = (month - dt.timedelta(days=1)).replace(day=1)
        elif offset > 0:
            month = (month + dt.timedelta(days=32)).replace(day=1)
        expected, run = self.m.build_run(month, self.today)
        actual, _ = outcome(
            lambda: payment_run_build(
                month=month,
                currency="USD",
                actor=self.world.reviewer,
                today=self.today,
                at=at(self.today),
            )
        )
        self.expect(f"reviewer builds {run}", expected, actual)

    @precondition(lambda self: self.model is not None and self.m.requests)
    @rule(offset=st.sampled_from([0, 0, -1, 1]))
    def build_run(self, offset: int) -> None:
        self.do_build_run(offset)

    def do_confirm(self, run: str) -> None:
        expected = self.m.confirm_run(run)
        actual, _ = outcome(
            lambda: payment_run_confirm(  # a second reviewer: the builder never confirms
                public_id=run, actor=self.world.confirmer, today=self.today, at=at(self.today)
            )
        )
        self.expect(f"reviewer confirms {run}", expected, actual)

    @precondition(lambda self: self.model is not None and self.m.runs)
    @rule(data=st.data())
    def confirm_run(self, data: st.DataObject) -> None:
        self.do_confirm(self.pick(data, sorted(self.m.runs), "run"))

    # ---- the happy path: the natural next act on a voucher, by the party who takes it -------
    @precondition(lambda self: self.model is not None and self.m.vouchers)
    @rule(data=st.data(), firm=st.sampled_from(["F1", "F2"]), stages=st.integers(1, 8))
    def progress(self, data: st.DataObject, firm: str, stages: int) -> None:
        """Move a voucher along by up to `stages` acts: reserve, report, redeem, register and
        request payment, approve, build and confirm the run (each predicted and compared).
        Before each act the clock may first move to the edge of the deadline that act depends
        on (the day before, of or after it): the voucher's expiry, the last redemption day
        for a redemption, the payment window's last day for a payment request."""
        v = self.pick(data, self.m.vouchers, "voucher")
        for _ in range(stages):
            if data.draw(st.sampled_from([False, False, True]), label="late"):
                self._to_deadline_of_next_act(v, data)
            if not self._next_act(v, firm):
                return

    def _to_deadline_of_next_act(self, v: ref.Voucher, data: st.DataObject) -> None:
        edges = [v.expiry]
        if v.status == "delivered":
            edges.append(ref.LAST_REDEMPTION)
        if v.status == "redeemed" and v.last_payment_day is not None:
            edges = [v.last_payment_day]
        edge = data.draw(st.sampled_from(edges), label="deadline")
        self._advance(edge + ONE * data.draw(st.sampled_from([-1, 0, 1]), label="offset"))

    def _next_act(self, v: ref.Voucher, firm: str) -> bool:
        """The natural next act on `v`; False when there is none or it was refused."""
        request = self.m.requests[v.request] if v.request is not None else None
        before = len(self.steps)
        if v.status == "assigned":
            self.do_reserve(v, firm, 0)
        elif v.status == "reserved":
            self.do_report(v, v.holder or firm)
        elif v.status == "delivered":
            self.do_redeem(v, v.holder or firm)
        elif v.status == "redeemed" and request is None:
            holder = v.holder or firm
            if not self.m.firms[holder].registered:
                self.do_register(holder)
            self.do_request(v, holder)
        elif request is not None and request.status == "validating":
            self.do_review(request, "approve")
        elif request is not None and request.status == "held":
            self.do_respond(request, request.firm)
        elif request is not None and request.status == "approved" and request.approved_on:
            this_month = self.today.replace(day=1)
            if request.approved_on >= this_month and request.approved_on.day > ref.CUT_OFF:
                return False  # its run is next month's, which cannot be built yet (R-PAY-6)
            self.do_build_run(0)
        elif request is not None and request.status == "in_payment_run" and request.run:
            self.do_confirm(request.run)
        else:
            return False
        return len(self.steps) > before and self.steps[-1].endswith("system ok")

    # ---- invariants: the model and the system agree after every step ----------------------
    @invariant()
    def balances_agree(self) -> None:
        """Every account of every agreement (R-LED-1 is checked on the model's side too), and
        R-LED-3 for the example's agreements: each stored balance = the sum of its entries."""
        if self.model is None:
            return
        pks = {a.pk: key for key, a in self.world.agreements.items()}
        stored: dict[str, dict[str, int]] = {key: {} for key in pks.values()}
        account_of: dict[int, tuple[str, str, int]] = {}
        for pk, agreement_id, kind, balance in LedgerAccount.objects.filter(
            agreement_id__in=pks
        ).values_list("pk", "agreement_id", "kind", "balance"):
            stored[pks[agreement_id]][kind] = balance
            account_of[pk] = (pks[agreement_id], kind, balance)
        for key, a in self.m.agreements.items():
            system = {kind: stored[key].get(kind, 0) for kind in ref.ACCOUNTS}
            assert system == a.balances, (
                f"{self.today} balances of {key}: model {a.balances}, system {system}"
            )
            assert self.m.conserved(key), f"the model lost days on {key}"
        sums = dict.fromkeys(account_of, 0)
        for source, destination, days in LedgerEntry.objects.filter(
            agreement_id__in=pks
        ).values_list("source_id", "destination_id", "days"):
            sums[source] -= days
            sums[destination] += days
        for pk, (key, kind, balance) in account_of.items():
            assert sums[pk] == balance, (
                f"R-LED-3: {key} {kind} is {balance}, entries say {sums[pk]}"
            )

    @invariant()
    def vouchers_agree(self) -> None:
        if self.model is None or not self.voucher_pks:
            return
        firm_keys = {f.organisation.pk: key for key, f in self.world.firms.items()}
        rows = {
            pk: (status, expiry, holder, redeemed_on)
            for pk, status, expiry, holder, redeemed_on in Voucher.objects.filter(
                pk__in=self.voucher_pks
            ).values_list("pk", "status", "expiry_date", "holder_id", "redeemed_on")
        }
        for v in self.m.vouchers:
            status, expiry, holder, redeemed_on = rows[self.voucher_pks[v.key]]
            system = (status, expiry, firm_keys.get(holder), redeemed_on)
            model = (v.status, v.expiry, v.holder, v.redeemed_on)
            assert system == model, f"{self.today} voucher {v.key}: model {model}, system {system}"

    @invariant()
    def requests_agree(self) -> None:
        if self.model is None or not self.request_ids:
            return
        rows = dict(
            PaymentRequest.objects.filter(public_id__in=self.request_ids).values_list(
                "public_id", "status"
            )
        )
        for r in self.m.requests:
            assert rows[self.request_ids[r.key]] == r.status, (
                f"{self.today} request {r.key}: model {r.status}, system "
                f"{rows[self.request_ids[r.key]]}"
            )
