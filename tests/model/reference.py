"""REL-4: a plain-Python reference model of the program (no Django, no ORM, no product import).

It holds what domain.md says the state is (days per agreement account, each voucher's status and
deadlines, payment requests) and predicts, for every action, its outcome: `"ok"` or the stable
refusal code, checked in the order the rules are written. `tests/model/test_program_model.py`
runs the real services next to it and compares after every step.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

D = dt.date
ONE = dt.timedelta(days=1)

# The seeded retirement calendar (domain.md section 8), as inclusive last days.
LAST_CLOUD = D(2020, 1, 31)
LAST_CONVERSION = D(2020, 1, 31)
LAST_ACCRUAL = D(2021, 1, 31)
LAST_CREATE = D(2021, 6, 30)
REMOVAL = D(2021, 7, 1)
LAST_REDEMPTION = D(2022, 1, 1)
PAYMENT_WINDOW = 60
VALIDITY = 200  # the model's world sets it (the seeded default is 180)
CAP = 15
CUT_OFF = 15  # R-PAY-6: approved by the 15th: that month's run
EXT_LIVE_ON = D(2020, 4, 1)  # R-EXT-1: created before and live on this day: +90 days
EXT_DAYS = 90
MILESTONES = [
    LAST_CLOUD + ONE,
    LAST_ACCRUAL + ONE,
    LAST_CREATE + ONE,
    REMOVAL,
    LAST_REDEMPTION + ONE,
]
LEVELS = (1, 3, 5, 10, 15)
LIVE = ("assigned", "reserved", "delivered")
ACCOUNTS = ("available", "held", "consumed", "forfeited", "removed")


@dataclass
class Agreement:
    key: str
    customer: str
    start: dt.date
    end: dt.date
    activated: bool
    yearly: dict[dt.date, int]  # coverage-year start -> days the accrual grants that day
    balances: dict[str, int] = field(default_factory=lambda: dict.fromkeys(ACCOUNTS, 0))
    issued: int = 0  # days that came in (accrual, grants, conversions): R-LED-1's left side
    training: int = 0

    def active_on(self, day: dt.date) -> bool:
        return self.start <= day <= self.end


@dataclass
class Firm:
    key: str
    country: str  # its one location's country
    eligible_from: dt.date
    eligible_through: dt.date  # enrollment last day (competency outlasts it)
    registered: bool = False

    def eligible_on(self, day: dt.date, cloud: bool) -> bool:
        return not cloud and self.eligible_from <= day <= self.eligible_through


@dataclass(repr=False)
class Voucher:
    key: int  # index in Model.vouchers
    agreement: str
    customer: str
    cloud: bool
    days: int
    group: str
    assigned_on: dt.date
    expiry: dt.date
    status: str = "assigned"
    holder: str | None = None
    start_date: dt.date | None = None
    redeemed_on: dt.date | None = None
    request: int | None = None  # index in Model.requests

    def __repr__(self) -> str:  # short, for the shrunk story Hypothesis prints
        return (
            f"<voucher {self.key}: {self.days}-day {'cloud ' if self.cloud else ''}on "
            f"{self.agreement}, {self.status}, expires {self.expiry}>"
        )

    def past_expiry(self, today: dt.date) -> bool:
        """R-EXP-2: usable through the expiry date, inclusive."""
        return self.status in LIVE and today > self.expiry

    @property
    def last_payment_day(self) -> dt.date | None:
        return self.redeemed_on + dt.timedelta(days=PAYMENT_WINDOW) if self.redeemed_on else None


@dataclass(repr=False)
class Request:
    key: int
    voucher: int
    firm: str
    status: str = "validating"
    approved_on: dt.date | None = None
    run: str | None = None

    def __repr__(self) -> str:
        return f"<request {self.key} for voucher {self.voucher}: {self.status}>"


class Model:
    def __init__(self, today: dt.date, agreements: list[Agreement], firms: list[Firm]) -> None:
        self.today = today
        self.agreements = {a.key: a for a in agreements}
        self.firms = {f.key: f for f in firms}
        self.vouchers: list[Voucher] = []
        self.requests: list[Request] = []
        self.runs: dict[str, str] = {}  # run id -> "open" | "confirmed"

    # ---- the ledger ----------------------------------------------------------------------
    def move(self, agreement: str, source: str, destination: str, days: int) -> None:
        balances = self.agreements[agreement].balances
        if source == "issued":
            self.agreements[agreement].issued += days
        else:
            balances[source] -= days
            assert balances[source] >= 0, "the model overdrew an account"
        balances[destination] += days

    def conserved(self, agreement: str) -> bool:
        """R-LED-1."""
        a = self.agreements[agreement]
        return a.issued == sum(a.balances.values())

    # ---- the daily jobs (what each program day's jobs change) ----------------------------
    def run_day(self, day: dt.date) -> None:
        for a in self.agreements.values():  # accrual, not after the accrual end
            if day <= LAST_ACCRUAL and a.active_on(day) and a.yearly.get(day):
                self.move(a.key, "issued", "available", a.yearly[day])
        if day == EXT_LIVE_ON:  # R-EXT-1
            for v in self.vouchers:
                if v.status in LIVE and v.assigned_on < EXT_LIVE_ON and v.expiry >= day:
                    v.expiry += dt.timedelta(days=EXT_DAYS)
        for v in self.vouchers:  # the expiry sweep (R-EXP-1)
            if v.past_expiry(day):
                self._expire(v)
        if day == REMOVAL:
            for a in self.agreements.values():
                if a.balances["available"]:
                    self.move(a.key, "available", "removed", a.balances["available"])

    def _expire(self, v: Voucher) -> None:
        a = self.agreements[v.agreement]
        returns = a.active_on(v.expiry) and v.expiry < REMOVAL
        self.move(v.agreement, "held", "available" if returns else "forfeited", v.days)
        v.status = "expired"  # the holder stays recorded on an expired voucher

    def interesting_days(self, after: dt.date, through: dt.date) -> set[dt.date]:
        """Days on which some job may change state (a long clock jump runs the runner on these)."""
        days = {through, EXT_LIVE_ON, REMOVAL}
        for a in self.agreements.values():
            days |= set(a.yearly)
        for v in self.vouchers:
            days.add(v.expiry + ONE)
        return {d for d in days if after < d <= through}

    # ---- customer actions -----------------------------------------------------------------
    def activate(self, agreement: str, customer: str) -> str:
        a = self.agreements[agreement]
        if a.customer != customer:
            return "agreement_not_found"
        if a.activated:
            return "already_activated"
        a.activated = True
        return "ok"

    def grant(self, agreement: str, days: int) -> str:
        self.move(agreement, "issued", "available", days)
        return "ok"

    def convert(self, agreement: str, customer: str, days: int) -> str:
        a = self.agreements[agreement]
        if a.customer != customer:
            return "agreement_not_found"
        if self.today > LAST_CONVERSION:
            return "after_conversion_end"
        if a.training < days:
            return "insufficient_days"
        a.training -= days
        self.move(agreement, "issued", "available", days)  # ratio 1:1 (seeded setting)
        return "ok"

    def cap_used(self, customer: str, cloud: bool, group: str) -> int:
        return sum(
            v.days
            for v in self.vouchers
            if v.customer == customer
            and v.cloud == cloud
            and v.group == group
            and (v.status == "redeemed" or (v.status in LIVE and not v.past_expiry(self.today)))
        )

    def create(
        self, agreement: str, customer: str, *, cloud: bool, days: int, group: str
    ) -> tuple[str, Voucher | None]:
        """R-VOU-1..3, R-ACT-1, R-CAP-1, R-VOU-2 in the service's order."""
        a = self.agreements[agreement]
        if a.customer != customer:
            return "agreement_not_found", None
        if self.today > LAST_CREATE:
            return "after_last_create_day", None
        if cloud and self.today > LAST_CLOUD:
            return "cloud_engagement_retired", None
        if days not in LEVELS:
            return "invalid_service_level", None
        if not a.activated:
            return "agreement_not_activated", None
        if not a.active_on(self.today):
            return "agreement_not_active", None
        if self.cap_used(customer, cloud, group) + days > CAP:
            return "engagement_type_cap_exceeded", None
        if a.balances["available"] < days:
            return "insufficient_days", None
        v = Voucher(
            key=len(self.vouchers),
            agreement=agreement,
            customer=customer,
            cloud=cloud,
            days=days,
            group=group,
            assigned_on=self.today,
            expiry=self.today + dt.timedelta(days=VALIDITY),
        )
        self.vouchers.append(v)
        self.move(agreement, "available", "held", days)
        return "ok", v

    def cancel(self, v: Voucher, customer: str) -> str:
        if v.customer != customer:
            return "voucher_not_found"
        final = self._final(v)
        if final:
            return final
        if v.status == "expired" or v.past_expiry(self.today):
            return "voucher_expired"
        if v.status in ("reserved", "delivered"):
            return "voucher_reserved"
        a = self.agreements[v.agreement]
        returns = a.active_on(self.today) and self.today < REMOVAL
        self.move(v.agreement, "held", "available" if returns else "forfeited", v.days)
        v.status = "cancelled"
        return "ok"

    # ---- partner actions ------------------------------------------------------------------
    @staticmethod
    def _final(v: Voucher) -> str | None:
        if v.status == "redeemed":
            return "already_redeemed"
        if v.status == "cancelled":
            return "voucher_cancelled"
        return None

    def _unavailable(self, v: Voucher) -> str | None:
        """R-RES-1's clear reasons, in the order the service gives them."""
        if v.status == "expired":
            return "voucher_expired"
        final = self._final(v)
        if final:
            return final
        if v.status in ("reserved", "delivered"):
            return "already_reserved"
        if v.past_expiry(self.today):
            return "voucher_expired"
        if v.cloud and self.today > LAST_CLOUD:
            return "cloud_engagement_retired"
        return None

    def validate(self, v: Voucher, right_email: bool) -> str:
        if not right_email:
            return "voucher_not_found"
        return self._unavailable(v) or "ok"

    def reserve(self, v: Voucher, firm: str, start_offset: int) -> str:
        refused = self._unavailable(v)
        if refused:
            return refused
        f = self.firms[firm]
        if not f.eligible_on(self.today, v.cloud):
            return "not_eligible"
        if f.country != "US":  # delivery country: the customer's (US)
            return "wrong_location_country"
        start = self.today + dt.timedelta(days=start_offset)
        if not (self.today <= start <= v.expiry):
            return "invalid_start_date"
        v.status, v.holder, v.start_date = "reserved", firm, start
        return "ok"

    def _held(self, v: Voucher, firm: str) -> str | None:
        if v.holder != firm:
            return "voucher_not_found"
        final = self._final(v)
        if final:
            return final
        if v.status == "expired" or v.past_expiry(self.today):
            return "voucher_expired"
        return None

    def change_start(self, v: Voucher, firm: str, start_offset: int) -> str:
        refused = self._held(v, firm)
        if refused:
            return refused
        if v.status != "reserved":
            return "voucher_not_reserved"
        start = self.today + dt.timedelta(days=start_offset)
        if not (self.today <= start <= v.expiry):
            return "invalid_start_date"
        v.start_date = start
        return "ok"

    def release(self, v: Voucher, firm: str) -> str:
        refused = self._held(v, firm)
        if refused:
            return refused
        v.status, v.holder, v.start_date = "assigned", None, None
        return "ok"

    def report(self, v: Voucher, firm: str) -> str:
        refused = self._held(v, firm)
        if refused:
            return refused
        if v.status == "delivered":
            return "report_already_filed"
        v.status = "delivered"
        return "ok"

    def redeem(self, v: Voucher, firm: str) -> str:
        refused = self._held(v, firm)
        if refused:
            return refused
        if self.today > LAST_REDEMPTION:
            return "after_last_redemption_day"
        if v.status != "delivered":
            return "report_missing"
        v.status, v.redeemed_on = "redeemed", self.today
        self.move(v.agreement, "held", "consumed", v.days)
        return "ok"

    def register(self, firm: str) -> str:
        f = self.firms[firm]
        if f.registered:
            return "already_registered"
        if not any(v.holder == firm and v.status == "redeemed" for v in self.vouchers):
            return "no_redeemed_voucher_yet"
        f.registered = True
        return "ok"

    def request_payment(self, v: Voucher, firm: str) -> tuple[str, Request | None]:
        if v.holder != firm:
            return "voucher_not_found", None
        if v.status != "redeemed":
            return "voucher_not_redeemed", None
        if v.request is not None:
            return "payment_already_requested", None
        if not self.firms[firm].registered:
            return "not_registered_for_payment", None
        assert v.last_payment_day is not None
        if self.today > v.last_payment_day:
            return "payment_window_closed", None
        r = Request(key=len(self.requests), voucher=v.key, firm=firm)
        self.requests.append(r)
        v.request = r.key
        return "ok", r

    # ---- operator actions -----------------------------------------------------------------
    def review(self, r: Request, decision: str) -> str:
        if r.status != "validating":
            return "invalid_transition"
        r.status = {"approve": "approved", "hold": "held", "deny": "denied"}[decision]
        if decision == "approve":
            r.approved_on = self.today
        return "ok"

    def respond(self, r: Request, firm: str) -> str:
        if r.firm != firm:
            return "payment_request_not_found"
        if r.status != "held":
            return "invalid_transition"
        r.status = "validating"
        return "ok"

    def build_run(self, month: dt.date, today: dt.date) -> tuple[str, str]:
        """R-PAY-6: the month's run takes every request approved by the 15th of that month; a run
        is built for the current or the previous month only."""
        run = f"RUN-{month:%Y%m}-USD"
        current = today.replace(day=1)
        if month not in (current, (current - dt.timedelta(days=1)).replace(day=1)):
            return "run_month_out_of_range", run
        if self.runs.get(run) == "confirmed":
            return "run_already_confirmed", run
        cut_off = month.replace(day=CUT_OFF)
        due = [
            r
            for r in self.requests
            if r.status == "approved" and r.approved_on and r.approved_on <= cut_off
        ]
        if not due and not any(r.run == run for r in self.requests):
            return "nothing_to_pay", run
        self.runs[run] = "open"
        for r in due:
            r.status, r.run = "in_payment_run", run
        return "ok", run

    def confirm_run(self, run: str) -> str:
        if run not in self.runs:
            return "payment_run_not_found"
        if self.runs[run] == "confirmed":
            return "run_already_confirmed"
        self.runs[run] = "confirmed"
        for r in self.requests:
            if r.run == run:
                r.status = "paid"
        return "ok"
