"""Program information (the retirement timeline with today marked, what each milestone means for
the reader's organisation) and the FAQ; one page each, shared by the three sides."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from planserv.core import clock
from planserv.core.errors import DomainError
from planserv.core.types import OrganisationKind
from planserv.guidance.program_info import (
    milestone_meanings,
    partner_deadlines,
    retirement_timeline,
)
from planserv.portal.decorators import actor_of, portal_view
from planserv.support.rendering import render_markdown
from planserv.support.selectors import faq_entries_for, support_queue_for_country


@portal_view()
def program_info(request: HttpRequest) -> HttpResponse:
    actor = actor_of(request)
    today = clock.today()
    try:
        queue = (
            None
            if actor.is_operator
            else support_queue_for_country(country=actor.organisation_country)
        )
    except DomainError:
        queue = None
    context = {
        "timeline": retirement_timeline(today=today),
        "meanings": milestone_meanings(actor=actor, today=today),
        "deadlines": partner_deadlines(today=today)
        if actor.organisation_kind == OrganisationKind.PARTNER
        else None,
        "support_queue": queue,
        "support_url": f"portal:{actor.organisation_kind}_support_new"
        if not actor.is_operator
        else "",
    }
    return render(request, "portal/common/program_info.html", context)


@portal_view()
def faq(request: HttpRequest) -> HttpResponse:
    entries = [
        {"entry": entry, "answer": render_markdown(entry.answer_markdown)}
        for entry in faq_entries_for(actor=actor_of(request))
    ]
    return render(request, "portal/common/faq.html", {"entries": entries})
