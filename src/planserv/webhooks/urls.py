"""Which receiving addresses planserv will call (docs/webhooks.md, "Receiving addresses").

HTTPS only, no credentials in the address, and never an address inside planserv's own network
(loopback, private, link-local: server-side request forgery). The development and test settings
allow plain HTTP and loopback receivers (`PLANSERV_WEBHOOKS_ALLOW_LOCAL`), so a receiver on the
developer's machine or in a test can listen.
"""

from __future__ import annotations

import ipaddress
import socket
from urllib.parse import urlsplit

from django.conf import settings
from django.utils.translation import gettext as _

from planserv.webhooks.errors import WebhookUrlRefused

MAX_URL = 500


def _allow_local() -> bool:
    return bool(getattr(settings, "PLANSERV_WEBHOOKS_ALLOW_LOCAL", False))


def _refused(url: str, why: str) -> WebhookUrlRefused:
    return WebhookUrlRefused(
        _("The address %(url)r cannot receive webhooks: %(why)s.") % {"url": url[:100], "why": why}
    )


def _private(address: str) -> bool:
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    return not ip.is_global


def check_url(url: str) -> str:
    """The address as stored, or WebhookUrlRefused naming what is wrong with it."""
    url = url.strip()
    if not url or len(url) > MAX_URL:
        raise _refused(
            url, _("give an address of at most %(MAX_URL)s characters") % {"MAX_URL": MAX_URL}
        )
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as error:
        raise _refused(url, _("it is not a valid address")) from error
    host = parts.hostname or ""
    if parts.scheme not in ("https", "http") or not host:
        raise _refused(url, _("it must start with https:// and name a host"))
    if parts.username or parts.password:
        raise _refused(url, _("it must not carry a user name or password"))
    local = host == "localhost" or _literal_private(host)
    if local and not _allow_local():
        raise _refused(url, _("it points inside planserv's own network"))
    if parts.scheme == "http" and not (local and _allow_local()):
        raise _refused(url, _("it must use HTTPS"))
    if port == 0:
        raise _refused(url, _("it names port 0"))
    return url


def _literal_private(host: str) -> bool:
    try:
        return _private(host.strip("[]"))
    except ValueError:
        return False


def check_resolved(url: str) -> str | None:
    """At delivery time: why the address's host may not be called now, or None if it may (a name
    that resolves to a private address is refused unless local receivers are allowed)."""
    if _allow_local():
        return None
    host = urlsplit(url).hostname or ""
    try:
        infos = socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)
    except OSError as error:
        return f"the host does not resolve ({error})"
    if any(_private(str(info[4][0])) for info in infos):
        return "the host resolves to an address inside planserv's own network"
    return None
