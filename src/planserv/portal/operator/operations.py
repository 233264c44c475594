"""Operator pages of the program's machinery: Job runs and Sandbox controls (the program clock
and the recent job runs, R-TIME-1)."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST

from planserv.core import clock
from planserv.core.errors import DomainError
from planserv.core.formatting import long_date
from planserv.core.types import OrganisationKind, Role
from planserv.jobs.models import JobRunStatus
from planserv.jobs.registry import daily_jobs
from planserv.jobs.runner import RunnerReport
from planserv.jobs.selectors import job_runs_list, runner_state_get
from planserv.jobs.services import clock_set, jobs_run_due
from planserv.portal.decorators import actor_of, portal_view

OPERATORS = (OrganisationKind.OPERATOR,)
MAX_ADVANCE_DAYS = 3660
RECENT_RUNS = 20


class ClockPinForm(forms.Form):
    date = forms.DateField(
        label=gettext_lazy("Pin the program date to"), widget=forms.DateInput({"type": "date"})
    )


class ClockAdvanceForm(forms.Form):
    days = forms.IntegerField(
        label=gettext_lazy("Advance by (days)"), min_value=1, max_value=MAX_ADVANCE_DAYS
    )


def summary(report: RunnerReport) -> str:
    """One sentence for a flash message: how many days and runs, and what failed."""
    days, runs = len(report.days), len(report.runs)
    text = _("%(days)s, %(runs)s") % {
        "days": ngettext("%(count)s program day", "%(count)s program days", days)
        % {"count": f"{days:,}"},
        "runs": ngettext("%(count)s job run", "%(count)s job runs", runs) % {"count": f"{runs:,}"},
    }
    if report.failed:
        failed = report.failed[0]
        return _("%(summary)s; %(job)s failed for %(date)s: later days wait.") % {
            "summary": text,
            "job": failed.job,
            "date": long_date(failed.program_day),
        }
    if report.waiting is not None:
        waiting = report.waiting
        return _("%(summary)s; %(job)s for %(date)s is waiting for a retry.") % {
            "summary": text,
            "job": waiting.job,
            "date": long_date(waiting.program_day),
        }
    return _("%(summary)s, all succeeded.") % {"summary": text}


@portal_view(kinds=OPERATORS)
def job_runs(request: HttpRequest) -> HttpResponse:
    status = request.GET.get("status", "")
    job = request.GET.get("job", "")
    known_jobs = {daily.name for daily in daily_jobs()}
    runs = job_runs_list(
        status=status if status in JobRunStatus.values else None,
        job=job if job in known_jobs else None,
    )
    page = Paginator(runs, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "portal/operator/job_runs.html",
        {
            "page": page,
            "runner": runner_state_get(),
            "jobs": daily_jobs(),
            "statuses": JobRunStatus.choices,
            "status": status,
            "job": job,
            "may_run": actor_of(request).role == Role.PROGRAM_ADMIN,
        },
    )


@require_POST
@portal_view(kinds=OPERATORS, roles=(Role.PROGRAM_ADMIN,))
def job_runs_run_due(request: HttpRequest) -> HttpResponse:
    try:
        report = jobs_run_due(actor=actor_of(request), today=clock.today(), at=clock.now())
    except DomainError as error:
        messages.error(request, error.message)
    else:
        level = messages.error if report.failed else messages.success
        level(request, _("Ran the due daily jobs: %(summary)s") % {"summary": summary(report)})
    return redirect("portal:operator_job_runs")


@portal_view(kinds=OPERATORS)
def sandbox_clock(request: HttpRequest) -> HttpResponse:
    actor = actor_of(request)
    reading = clock.reading()
    moved_from = _date_param(request, "from")
    moved_to = _date_param(request, "to")
    moved_runs = []
    if moved_from and moved_to:
        moved_runs = list(
            job_runs_list()
            .filter(program_day__gt=moved_from, program_day__lte=moved_to)
            .order_by("program_day", "id")[:500]
        )
    return render(
        request,
        "portal/operator/clock.html",
        {
            "reading": reading,
            "runner": runner_state_get(),
            "may_move": reading.sandbox and actor.role == Role.PROGRAM_ADMIN,
            "pin_form": ClockPinForm(initial={"date": reading.today}),
            "advance_form": ClockAdvanceForm(initial={"days": 1}),
            "moved_from": moved_from,
            "moved_to": moved_to,
            "moved_runs": moved_runs,
            "recent_runs": list(job_runs_list().order_by("-program_day", "-id")[:RECENT_RUNS]),
        },
    )


def _date_param(request: HttpRequest, name: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(request.GET.get(name, ""))
    except ValueError:
        return None


@require_POST
@portal_view(kinds=OPERATORS, roles=(Role.PROGRAM_ADMIN,))
def sandbox_clock_move(request: HttpRequest) -> HttpResponse:
    today = clock.today()
    action = request.POST.get("action", "")
    target: dt.date | None
    if action == "pin":
        form: forms.Form = ClockPinForm(request.POST)
        target = form.cleaned_data["date"] if form.is_valid() else None
    elif action == "advance":
        form = ClockAdvanceForm(request.POST)
        target = today + dt.timedelta(days=form.cleaned_data["days"]) if form.is_valid() else None
    elif action == "real":
        form, target = forms.Form({}), None
        form.is_valid()
    else:
        messages.error(request, _("Choose to pin a date, advance, or follow the real date."))
        return redirect("portal:operator_clock")
    if form.errors:
        problems = "; ".join(f"{error}" for errors in form.errors.values() for error in errors)
        messages.error(request, _("The clock was not moved: %(problems)s") % {"problems": problems})
        return redirect("portal:operator_clock")
    try:
        report = clock_set(actor=actor_of(request), target=target, today=today, at=clock.now())
    except DomainError as error:
        messages.error(request, error.message)
        return redirect("portal:operator_clock")
    new_today = clock.today()
    level = messages.error if report.failed else messages.success
    level(
        request,
        _("Program date moved to %(date)s: %(summary)s")
        % {"date": long_date(new_today), "summary": summary(report)},
    )
    query = f"?from={today.isoformat()}&to={new_today.isoformat()}"
    return redirect(reverse("portal:operator_clock") + query)
