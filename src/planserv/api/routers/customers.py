"""API operations of the customers domain (api.md)."""

from __future__ import annotations

from ninja import Router

router = Router(tags=["customers"])
