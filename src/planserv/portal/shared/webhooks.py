"""Webhooks of the organisation (docs/webhooks.md): the list with a subscribe form, and one
subscription's page with its settings, its signing secret and its delivery log. Partner global
admins and customer benefits admins only (R-PPL-1); support acting for a firm is refused."""

from __future__ import annotations

import functools
from typing import Any

from django import forms
from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count, Q, QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from planserv.core import clock
from planserv.core.errors import DomainError
from planserv.core.types import OrganisationKind
from planserv.portal.decorators import View, actor_of, portal_view
from planserv.webhooks.errors import WebhookManagerOnly
from planserv.webhooks.models import (
    UNDELIVERED,
    DeliveryStatus,
    WebhookEvent,
    WebhookSubscription,
)
from planserv.webhooks.services import (
    EVENTS_BY_KIND,
    MANAGING_ROLES,
    access_subscription,
    require_webhook_manager,
    webhook_change,
    webhook_redeliver,
    webhook_subscribe,
)

KINDS = (OrganisationKind.PARTNER, OrganisationKind.CUSTOMER)
PAGE_SIZE = 25


class WebhookForm(forms.Form):
    url = forms.CharField(
        label=gettext_lazy("Receiving address"),
        max_length=500,
        help_text=gettext_lazy("An HTTPS address of your system that accepts POST requests."),
        widget=forms.URLInput(attrs={"placeholder": "https://erp.example.com/planserv/events"}),
    )
    description = forms.CharField(
        label=gettext_lazy("What it is for"), max_length=200, required=False
    )
    events = forms.MultipleChoiceField(
        label=gettext_lazy("Events to send"), widget=forms.CheckboxSelectMultiple, choices=()
    )

    def __init__(self, *args: object, kind: str, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        allowed = EVENTS_BY_KIND[kind]
        self.fields["events"].choices = [  # type: ignore[attr-defined]
            (value, label) for value, label in WebhookEvent.choices if value in allowed
        ]


def _list(request: HttpRequest, form: WebhookForm, status: int = 200) -> HttpResponse:
    subscriptions = (
        actor_subscriptions(require_webhook_manager(actor_of(request)))
        .annotate(waiting=Count("deliveries", filter=Q(deliveries__status__in=UNDELIVERED)))
        .order_by("pk")
    )
    labels = dict(WebhookEvent.choices)
    rows = list(subscriptions)
    for subscription in rows:
        subscription.event_names = [labels.get(e, e) for e in subscription.events]  # type: ignore[attr-defined]
    return render(
        request,
        "portal/common/webhooks.html",
        {"subscriptions": rows, "form": form},
        status=status,
    )


def actor_subscriptions(organisation_id: int) -> QuerySet[WebhookSubscription]:
    return WebhookSubscription.objects.filter(organisation_id=organisation_id)


def managers_only(view: View) -> View:
    """The side and role checks of portal_view, and the service's own rule: support staff acting
    for the organisation see a refusal page, not the webhooks (R-PPL-4)."""

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        try:
            require_webhook_manager(actor_of(request))
        except WebhookManagerOnly as refusal:
            return render(
                request, "portal/common/forbidden.html", {"reason": refusal.message}, status=403
            )
        return view(request, *args, **kwargs)

    return portal_view(kinds=KINDS, roles=MANAGING_ROLES)(wrapper)


@managers_only
def webhooks(request: HttpRequest) -> HttpResponse:
    actor = actor_of(request)
    if request.method == "POST":
        form = WebhookForm(request.POST, kind=str(actor.organisation_kind))
        if form.is_valid():
            try:
                subscription = webhook_subscribe(
                    actor=actor,
                    url=form.cleaned_data["url"],
                    events=form.cleaned_data["events"],
                    description=form.cleaned_data["description"],
                    at=clock.now(),
                    today=clock.today(),
                )
            except DomainError as error:
                form.add_error(None, error.message)
            else:
                messages.success(
                    request,
                    _(
                        "Webhook added. Copy its signing secret into your receiving system: it "
                        "checks that each event really comes from planserv."
                    ),
                )
                return redirect("portal:webhook_detail", subscription.pk)
        return _list(request, form, status=400)
    return _list(request, WebhookForm(kind=str(actor.organisation_kind)))


def _detail(
    request: HttpRequest, subscription_id: int, form: WebhookForm | None = None, status: int = 200
) -> HttpResponse:
    actor = actor_of(request)
    subscription = access_subscription(actor=actor, subscription_id=subscription_id)
    if form is None:
        form = WebhookForm(
            kind=str(actor.organisation_kind),
            initial={
                "url": subscription.url,
                "description": subscription.description,
                "events": subscription.events,
            },
        )
    shown = request.GET.get("status", "")
    deliveries = subscription.deliveries.all()
    if shown in DeliveryStatus.values:
        deliveries = deliveries.filter(status=shown)
    page = Paginator(deliveries.order_by("-pk"), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "portal/common/webhook_detail.html",
        {
            "subscription": subscription,
            "form": form,
            "page": page,
            "shown": shown,
            "statuses": DeliveryStatus.choices,
        },
        status=status,
    )


@managers_only
def webhook_detail(request: HttpRequest, subscription_id: int) -> HttpResponse:
    return _detail(request, subscription_id)


@require_POST
@managers_only
def webhook_change_view(request: HttpRequest, subscription_id: int) -> HttpResponse:
    actor = actor_of(request)
    switch = request.POST.get("switch")
    try:
        if switch in ("on", "off"):
            webhook_change(
                actor=actor,
                subscription_id=subscription_id,
                active=switch == "on",
                at=clock.now(),
                today=clock.today(),
            )
            messages.success(
                request,
                _("Webhook switched on: waiting events go out in order.")
                if switch == "on"
                else _("Webhook switched off: no events are kept for it until you switch it on."),
            )
            return redirect("portal:webhook_detail", subscription_id)
        form = WebhookForm(request.POST, kind=str(actor.organisation_kind))
        if not form.is_valid():  # shown again with its errors, as typed
            return _detail(request, subscription_id, form=form)
        webhook_change(
            actor=actor,
            subscription_id=subscription_id,
            url=form.cleaned_data["url"],
            events=form.cleaned_data["events"],
            description=form.cleaned_data["description"],
            at=clock.now(),
            today=clock.today(),
        )
    except DomainError as error:
        if error.http_status == 404:
            raise
        messages.error(request, error.message)
        return redirect("portal:webhook_detail", subscription_id)
    messages.success(request, _("Webhook saved."))
    return redirect("portal:webhook_detail", subscription_id)


@require_POST
@managers_only
def webhook_redeliver_view(
    request: HttpRequest, subscription_id: int, delivery_id: int
) -> HttpResponse:
    try:
        delivery = webhook_redeliver(
            actor=actor_of(request),
            subscription_id=subscription_id,
            delivery_id=delivery_id,
            at=clock.now(),
            today=clock.today(),
        )
    except DomainError as error:
        if error.http_status == 404:
            raise
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("Event %(event)s will be sent again within seconds.") % {"event": delivery.event_id},
        )
    return redirect("portal:webhook_detail", subscription_id)
