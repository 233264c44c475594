"""API operations of the vouchers domain (api.md)."""

from __future__ import annotations

from ninja import Router

router = Router(tags=["vouchers"])
