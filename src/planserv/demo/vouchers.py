"""Demo data of the vouchers capability."""

from __future__ import annotations

from planserv.demo.context import DemoContext


def build(context: DemoContext) -> None:
    """Nothing yet: the vouchers capability adds its demo data here."""
