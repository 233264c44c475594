"""The operator's program settings, edited in the portal by a program_admin (issue 18, item 3):
day rates per country with effective dates, calendar milestones, the paying account (SEPA debtor)
and execution day, reminder thresholds. Validated, audited with before and after, and read from the
database by every process on every use (nothing caches them), so a change is in force at once."""

from __future__ import annotations

import datetime as dt
import itertools
import re
from dataclasses import asdict, dataclass
from decimal import Decimal, InvalidOperation

import pycountry
from django.db import transaction
from django.utils.translation import gettext as _
from django_countries import countries
from schwifty import BIC, IBAN
from schwifty.exceptions import SchwiftyException

from planserv.audit.events import AuditEventType
from planserv.audit.services import audit_record
from planserv.core.actor import Actor
from planserv.core.errors import InvalidInput, NotFound, RuleViolation
from planserv.core.formatting import country_name, long_date
from planserv.core.types import Role
from planserv.program.calendar import program_settings_get
from planserv.program.models import (
    SERVICE_LEVELS,
    Competency,
    DayRate,
    EngagementType,
    Milestone,
    MilestoneKey,
    ProgramSettings,
)

SLUG = re.compile(r"[a-z0-9][a-z0-9-]{0,59}")


class InvalidSetting(InvalidInput):
    code = "invalid_setting"


class MilestoneOrderBroken(RuleViolation):
    code = "milestone_order_broken"
    rule = "R-TIME-1"


def _require_admin(actor: Actor, action: str) -> None:
    actor.require_role(Role.PROGRAM_ADMIN, action=action)


def _rate_json(rate: DayRate) -> dict[str, str]:
    return {
        "country": str(rate.country),
        "currency": rate.currency,
        "amount": str(rate.amount),
        "effective_from": rate.effective_from.isoformat(),
        "note": rate.note,
    }


def _clean_rate(country: str, currency: str, amount: str | Decimal) -> tuple[str, str, Decimal]:
    code = country.strip().upper()
    if code not in dict(countries):
        raise InvalidSetting(
            _("%(country)r is not a country code.") % {"country": country[:8]},
            details={"field": "country"},
        )
    money = currency.strip().upper()
    if len(money) != 3 or pycountry.currencies.get(alpha_3=money) is None:
        raise InvalidSetting(
            _("%(currency)r is not an ISO 4217 currency code.") % {"currency": currency[:8]},
            details={"field": "currency"},
        )
    try:
        value = Decimal(str(amount)).quantize(Decimal("0.01"))
    except InvalidOperation:
        raise InvalidSetting(
            _("The day rate is an amount such as 1250.00."), details={"field": "amount"}
        ) from None
    if not (Decimal("0.01") <= value < Decimal("100000000")):
        raise InvalidSetting(
            _("The day rate is more than zero and less than 100,000,000."),
            details={"field": "amount"},
        )
    return code, money, value


@transaction.atomic
def day_rate_set(
    *,
    country: str,
    currency: str,
    amount: str | Decimal,
    effective_from: dt.date,
    note: str,
    actor: Actor,
    today: dt.date,
    at: dt.datetime,
) -> DayRate:
    """R-PAY-3: the day rate of `country` from `effective_from` (a new row, or the amount of the
    row with that date changed). Requests already filed keep the rate they were computed with.
    Raises Forbidden, InvalidSetting."""
    _require_admin(actor, "change day rates")
    code, money, value = _clean_rate(country, currency, amount)
    rate = (
        DayRate.objects.select_for_update()
        .filter(country=code, effective_from=effective_from)
        .order_by("pk")
        .first()
    )
    before = _rate_json(rate) if rate else None
    if rate is None:
        rate = DayRate(country=code, effective_from=effective_from)
    rate.currency, rate.amount, rate.note = money, value, " ".join(note.split())[:200]
    rate.save()
    audit_record(
        actor=actor,
        action=AuditEventType.ADMIN_DAY_RATE_CHANGED
        if before
        else AuditEventType.ADMIN_DAY_RATE_CREATED,
        subject=rate,
        subject_label=f"Day rate {country_name(code)} from {long_date(effective_from)}",
        at=at,
        program_date=today,
        before=before,
        after=_rate_json(rate),
    )
    return rate


def _check_order(key: str, date: dt.date) -> None:
    """The milestones keep their published order: the removal follows the last create/assign
    day, the last redemption day follows the removal."""
    order = [MilestoneKey.LAST_CREATE_DAY, MilestoneKey.REMOVAL, MilestoneKey.LAST_REDEMPTION_DAY]
    if key not in order:
        return
    dates = {m.key: m.date for m in Milestone.objects.filter(key__in=order)}
    dates[key] = date
    for earlier, later in itertools.pairwise(order):
        if earlier in dates and later in dates and dates[earlier] > dates[later]:
            raise MilestoneOrderBroken(
                _("%(label)s (%(dates)s) must come on or before %(label2)s (%(dates2)s).")
                % {
                    "label": MilestoneKey(earlier).label,
                    "dates": long_date(dates[earlier]),
                    "label2": MilestoneKey(later).label,
                    "dates2": long_date(dates[later]),
                },
                details={"earlier": earlier, "later": later},
            )


@transaction.atomic
def milestone_change(
    *, key: str, date: dt.date, reason: str, actor: Actor, today: dt.date, at: dt.datetime
) -> Milestone:
    """Move a retirement calendar milestone (domain.md section 8); every rule reads the new date
    at once. Raises Forbidden, NotFound, InvalidSetting, MilestoneOrderBroken."""
    _require_admin(actor, "change the retirement calendar")
    milestone = Milestone.objects.select_for_update().filter(key=key).order_by("pk").first()
    if milestone is None:
        raise NotFound(
            _("There is no milestone %(key)r.") % {"key": key[:40]}, details={"key": key[:40]}
        )
    if not reason.strip():
        raise InvalidSetting(
            _("Say why the milestone moves; the reason is kept in the audit log."),
            details={"field": "reason"},
        )
    _check_order(key, date)
    before = {"date": milestone.date.isoformat()}
    milestone.date = date
    milestone.save(update_fields=["date"])
    audit_record(
        actor=actor,
        action=AuditEventType.ADMIN_MILESTONE_CHANGED,
        subject=milestone,
        subject_label=f"Milestone {milestone.title}",
        at=at,
        program_date=today,
        before=before,
        after={"date": date.isoformat()},
        reason=reason.strip()[:2000],
    )
    return milestone


@dataclass(frozen=True)
class PaymentSettings:
    """The paying account, the execution day and the reminder thresholds."""

    paying_account_name: str
    paying_account_iban: str
    paying_account_bic: str
    payment_execution_day: int
    expiry_reminder_first_days: int
    expiry_reminder_last_days: int
    payment_reminder_first_days: int
    payment_reminder_last_days: int
    review_overdue_business_days: int


def payment_settings_of(row: ProgramSettings) -> PaymentSettings:
    return PaymentSettings(
        **{name: getattr(row, name) for name in PaymentSettings.__dataclass_fields__}
    )


def _masked(settings: PaymentSettings) -> dict[str, object]:
    values: dict[str, object] = asdict(settings)
    iban = settings.paying_account_iban
    values["paying_account_iban"] = f"•••• {iban[-4:]}" if iban else ""
    return values


def _clean_account(values: PaymentSettings) -> tuple[str, str, str]:
    name = " ".join(values.paying_account_name.split())
    if not name or len(name) > 70:
        raise InvalidSetting(
            _("The paying account's name is required (at most 70 characters)."),
            details={"field": "paying_account_name"},
        )
    if not values.paying_account_iban.strip():
        return name, "", ""
    try:
        iban = IBAN(values.paying_account_iban)
    except SchwiftyException:
        raise InvalidSetting(
            _("The paying account is not a valid IBAN."), details={"field": "paying_account_iban"}
        ) from None
    try:
        bic = BIC(values.paying_account_bic)
    except SchwiftyException:
        raise InvalidSetting(
            _("The paying account's BIC is not a valid bank identifier code."),
            details={"field": "paying_account_bic"},
        ) from None
    return name, iban.compact, bic.compact


def _check_numbers(values: PaymentSettings) -> None:
    if not 1 <= values.payment_execution_day <= 28:
        raise InvalidSetting(
            _("The execution day is a day of the month from 1 to 28."),
            details={"field": "payment_execution_day"},
        )
    pairs = (
        ("expiry_reminder", values.expiry_reminder_first_days, values.expiry_reminder_last_days),
        ("payment_reminder", values.payment_reminder_first_days, values.payment_reminder_last_days),
    )
    for field, first, last in pairs:
        if not 0 < last < first <= 365:
            raise InvalidSetting(
                _(
                    "The first reminder comes more days before the deadline than the last one, and "
                    "both are from 1 to 365 days."
                ),
                details={"field": field},
            )
    if not 1 <= values.review_overdue_business_days <= 60:
        raise InvalidSetting(
            _("A request is overdue after 1 to 60 business days."),
            details={"field": "review_overdue_business_days"},
        )


@transaction.atomic
def payment_settings_update(
    *, values: PaymentSettings, actor: Actor, today: dt.date, at: dt.datetime
) -> ProgramSettings:
    """The paying account (SEPA debtor of the remittance files, R-PAY-6), the execution day and
    the reminder thresholds. The audit event keeps the account masked. Raises Forbidden,
    InvalidSetting."""
    _require_admin(actor, "change the program settings")
    _check_numbers(values)
    name, iban, bic = _clean_account(values)
    program_settings_get()
    row = ProgramSettings.objects.select_for_update().get(singleton=1)
    before = payment_settings_of(row)
    clean = PaymentSettings(
        **{
            **asdict(values),
            "paying_account_name": name,
            "paying_account_iban": iban,
            "paying_account_bic": bic,
        }
    )
    for field, value in asdict(clean).items():
        setattr(row, field, value)
    row.save(update_fields=list(asdict(clean)))
    audit_record(
        actor=actor,
        action=AuditEventType.ADMIN_PROGRAM_SETTINGS_CHANGED,
        subject=row,
        subject_label="Program settings",
        at=at,
        program_date=today,
        before=_masked(before),
        after=_masked(clean),
    )
    return row


@transaction.atomic
def engagement_type_service_levels_set(
    *, code: str, levels: list[int], actor: Actor, today: dt.date, at: dt.datetime
) -> EngagementType:
    """The service levels (lengths in days) a voucher of an engagement type may have (R-VOU-1);
    existing vouchers keep theirs. Raises Forbidden, NotFound, InvalidSetting."""
    _require_admin(actor, "change the catalogue")
    chosen = sorted(set(levels))
    if not chosen or any(level not in SERVICE_LEVELS for level in chosen):
        raise InvalidSetting(
            _("Choose one or more service levels of 1, 3, 5, 10 and 15 days."),
            details={"field": "service_levels"},
        )
    engagement_type = (
        EngagementType.objects.select_for_update().filter(code=code[:60]).order_by("pk").first()
    )
    if engagement_type is None:
        raise NotFound(_("There is no engagement type %(code)r.") % {"code": code[:60]}, details={})
    before = {"service_levels": engagement_type.allowed_service_levels()}
    engagement_type.service_levels = chosen
    engagement_type.save(update_fields=["service_levels"])
    audit_record(
        actor=actor,
        action=AuditEventType.ADMIN_ENGAGEMENT_TYPE_CHANGED,
        subject=engagement_type,
        subject_label=f"Engagement type {engagement_type.name}",
        at=at,
        program_date=today,
        before=before,
        after={"service_levels": chosen},
    )
    return engagement_type


@transaction.atomic
def competency_create(
    *, code: str, name: str, actor: Actor, today: dt.date, at: dt.datetime
) -> Competency:
    """A new competency firms can hold and engagement types can require. Raises Forbidden,
    InvalidSetting (a malformed or taken code, an empty name)."""
    _require_admin(actor, "change the catalogue")
    clean_code = code.strip().lower()
    clean_name = " ".join(name.split())
    if not SLUG.fullmatch(clean_code) or not clean_name or len(clean_name) > 120:
        raise InvalidSetting(
            _(
                "A competency has a code of lowercase letters, digits and dashes (at most 60) "
                "and a name (at most 120 characters)."
            ),
            details={"field": "code"},
        )
    if Competency.objects.filter(code=clean_code).exists():
        raise InvalidSetting(
            _("The competency code %(clean_code)r is taken.") % {"clean_code": clean_code},
            details={"field": "code"},
        )
    competency = Competency.objects.create(code=clean_code, name=clean_name)
    audit_record(
        actor=actor,
        action=AuditEventType.ADMIN_COMPETENCY_CREATED,
        subject=competency,
        subject_label=f"Competency {clean_name}",
        at=at,
        program_date=today,
        after={"code": clean_code, "name": clean_name},
    )
    return competency
