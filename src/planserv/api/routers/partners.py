"""API operations of the partners domain (api.md)."""

from __future__ import annotations

from ninja import Router

router = Router(tags=["partners"])
