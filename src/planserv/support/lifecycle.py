"""The support request lifecycle (R-SUP-2, docs/support.md): statuses and the transition table.

| from                   | to                                           | who                          |
|------------------------|----------------------------------------------|------------------------------|
| open                   | waiting_on_requester, resolved               | support staff                |
| waiting_on_requester   | open (requester replies), resolved           | requester, support staff     |
| resolved               | open (requester replies or staff reopens)    | requester, support staff     |

No ORM, no clock: pure data and one check, tested over every (from, to) pair.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from planserv.core.errors import Conflict


class SupportStatus(models.TextChoices):
    OPEN = "open", gettext_lazy("Open")
    WAITING_ON_REQUESTER = "waiting_on_requester", gettext_lazy("Waiting on requester")
    RESOLVED = "resolved", gettext_lazy("Resolved")


TRANSITIONS: dict[SupportStatus, frozenset[SupportStatus]] = {
    SupportStatus.OPEN: frozenset({SupportStatus.WAITING_ON_REQUESTER, SupportStatus.RESOLVED}),
    SupportStatus.WAITING_ON_REQUESTER: frozenset({SupportStatus.OPEN, SupportStatus.RESOLVED}),
    SupportStatus.RESOLVED: frozenset({SupportStatus.OPEN}),
}


class SupportStatusTransitionNotAllowed(Conflict):
    code = "support_status_transition_not_allowed"
    rule = "R-SUP-2"


def can_transition(current: str, target: str) -> bool:
    return SupportStatus(target) in TRANSITIONS[SupportStatus(current)]


def check_transition(current: str, target: str) -> None:
    """Raise SupportStatusTransitionNotAllowed unless `current` → `target` is in the table."""
    if current not in SupportStatus.values or target not in SupportStatus.values:
        raise SupportStatusTransitionNotAllowed(
            _("Unknown support request status %(target)r (R-SUP-2).") % {"target": target},
            details={"from": current, "to": target},
        )
    if not can_transition(current, target):
        allowed = ", ".join(sorted(TRANSITIONS[SupportStatus(current)])) or "none"
        raise SupportStatusTransitionNotAllowed(
            _(
                "A support request that is %(label)s cannot become %(label2)s (R-SUP-2); allowed "
                "next: %(allowed)s."
            )
            % {
                "label": SupportStatus(current).label.lower(),
                "label2": SupportStatus(target).label.lower(),
                "allowed": allowed,
            },
            details={
                "from": current,
                "to": target,
                "allowed": sorted(TRANSITIONS[SupportStatus(current)]),
            },
        )
