"""Demo data of the support capability."""

from __future__ import annotations

from planserv.demo.context import DemoContext


def build(context: DemoContext) -> None:
    """Nothing yet: the support capability adds its demo data here."""
