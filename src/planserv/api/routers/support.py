"""API operations of the support domain (api.md)."""

from __future__ import annotations

from ninja import Router

router = Router(tags=["support"])
