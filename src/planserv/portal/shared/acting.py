"""Support acting for an organisation (accounts/acting.py; docs/operator.md): a banner while it
lasts (base.html), stop, and an end at logout. The operator starts it in operator/acting.py."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from planserv.accounts.acting import support_acting_stop
from planserv.accounts.middleware import ACTING_KEY
from planserv.accounts.models import ActingEndReason, SupportActingSession
from planserv.core import clock
from planserv.portal.decorators import portal_view


def _stop(request: HttpRequest, how: str) -> SupportActingSession | None:
    session = getattr(request, "acting_session", None)
    request.session.pop(ACTING_KEY, None)
    if session is None:
        return None
    return support_acting_stop(session=session, how=how, at=clock.real_now(), today=clock.today())


@require_POST
@portal_view()
def act_for_stop(request: HttpRequest) -> HttpResponse:
    """Stop acting: back to one's own operator view (audited)."""
    session = _stop(request, ActingEndReason.STOPPED)
    if session is not None:
        messages.success(
            request, _("You stopped acting for %(name)s.") % {"name": session.organisation.name}
        )
    return redirect("portal:home")


class LogoutView(auth_views.LogoutView):
    """Logging out ends an acting session first (audited as ended at logout)."""

    def post(self, request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
        if getattr(request, "acting_session", None) is not None:
            _stop(request, ActingEndReason.LOGOUT)
        return super().post(request, *args, **kwargs)
