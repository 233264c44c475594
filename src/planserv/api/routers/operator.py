"""API operations of the operator domain (api.md)."""

from __future__ import annotations

from ninja import Router

router = Router(tags=["operator"])
