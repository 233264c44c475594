"""API operations of the reports domain (api.md)."""

from __future__ import annotations

from ninja import Router

router = Router(tags=["reports"])
