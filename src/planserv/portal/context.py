"""Template context for every portal page: the program date, the next milestone, the navigation."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from planserv.core import clock
from planserv.portal.navigation import nav_for
from planserv.program.selectors import milestone_next, milestones_list


def portal_context(request: HttpRequest) -> dict[str, Any]:
    if request.path.startswith(("/api/", "/admin/", "/static/")):
        return {}
    reading = clock.reading()
    milestone = milestone_next(today=reading.today)
    actor = getattr(request, "actor", None)
    return {
        "program_clock": reading,
        "next_milestone": milestone,
        # After the last milestone the footer names it instead of an empty "next milestone".
        "last_milestone": None if milestone else milestones_list().last(),
        "next_milestone_days": (milestone.date - reading.today).days if milestone else None,
        "actor": actor,
        "navigation": nav_for(actor),
        "memberships": getattr(request, "memberships", []),
        "active_membership": getattr(request, "membership", None),
        "acting_session": getattr(request, "acting_session", None),
    }
