"""API operations of the payments domain (api.md)."""

from __future__ import annotations

from ninja import Router

router = Router(tags=["payments"])
