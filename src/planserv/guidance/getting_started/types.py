"""The plain result of the getting-started checklist: steps with a state, a sentence on where the
organisation stands, figures and a link to the page that does the step. No ORM objects leak out,
so the portal renders it and the API serialises it as they are."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy


class StepState(models.TextChoices):
    DONE = "done", gettext_lazy("Done")
    OPEN = "open", gettext_lazy("To do")  # something waits for this organisation at this step
    READY = "ready", gettext_lazy("Available")  # possible now, nothing waiting
    IN_PROGRESS = (
        "in_progress",
        gettext_lazy("In progress"),
    )  # under way, the next move is another party's
    LOCKED = (
        "locked",
        gettext_lazy("Locked"),
    )  # an earlier step must be done first (see `why_locked`)
    CLOSED = "closed", gettext_lazy("Closed")  # the retirement calendar has ended this step


@dataclass(frozen=True)
class Link:
    """A portal page by its URL name (the pages of `portal/partner/urls.py` and
    `portal/customer/urls.py`); `path` is what the browser and the API show."""

    url_name: str
    label: str
    args: tuple[str, ...] = ()
    query: str = ""

    @property
    def path(self) -> str:
        path = reverse(self.url_name, args=self.args)
        return f"{path}?{self.query}" if self.query else path

    def as_dict(self) -> dict[str, Any]:
        return {"label": self.label, "path": self.path}


@dataclass(frozen=True)
class Figure:
    """One number or date of the step (`value` as shown; `count` when it is a count)."""

    label: str
    value: str
    count: int | None = None
    link: Link | None = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "label": self.label,
            "value": self.value,
            "count": self.count,
            "link": self.link.as_dict() if self.link else None,
        }


@dataclass(frozen=True)
class Item:
    """One thing listed under a step (a voucher whose id the customer must forward)."""

    title: str
    detail: str
    link: Link | None = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "detail": self.detail,
            "link": self.link.as_dict() if self.link else None,
        }


@dataclass(frozen=True)
class Step:
    number: int
    key: str
    title: str
    state: str
    summary: str
    link: Link | None = None
    why_locked: str = ""
    deadline: dt.date | None = None
    figures: tuple[Figure, ...] = ()
    items: tuple[Item, ...] = ()
    more_items: int = 0  # items not listed

    @property
    def state_label(self) -> str:
        return str(StepState(self.state).label)

    @property
    def waiting(self) -> int:
        """How many things wait at this step (the sum of its counted figures)."""
        return sum(figure.count or 0 for figure in self.figures)

    def as_dict(self) -> dict[str, Any]:
        return {
            "number": self.number,
            "key": self.key,
            "title": self.title,
            "state": self.state,
            "summary": self.summary,
            "why_locked": self.why_locked,
            "deadline": self.deadline.isoformat() if self.deadline else None,
            "link": self.link.as_dict() if self.link else None,
            "figures": [figure.as_dict() for figure in self.figures],
            "items": [item.as_dict() for item in self.items],
            "more_items": self.more_items,
        }


@dataclass(frozen=True)
class GettingStarted:
    """The checklist of one organisation on one day. `active` (a partner firm enrolled that has
    held at least one voucher): the home page leads with the engagements by step."""

    side: str
    organisation_name: str
    today: dt.date
    steps: tuple[Step, ...]
    active: bool = False
    first_engagement_step: int = 4
    notes: tuple[str, ...] = field(default_factory=tuple)

    @property
    def current(self) -> Step | None:
        """The first step that waits for the organisation."""
        return next((step for step in self.steps if step.state == StepState.OPEN), None)

    @property
    def engagement_steps(self) -> tuple[Step, ...]:
        return tuple(step for step in self.steps if step.number >= self.first_engagement_step)

    @property
    def done_count(self) -> int:
        return sum(1 for step in self.steps if step.state == StepState.DONE)

    def as_dict(self) -> dict[str, Any]:
        current = self.current
        return {
            "side": self.side,
            "organisation": self.organisation_name,
            "today": self.today.isoformat(),
            "active": self.active,
            "current_step": current.number if current else None,
            "steps": [step.as_dict() for step in self.steps],
            "notes": list(self.notes),
        }
