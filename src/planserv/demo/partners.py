"""Demo data of the partners capability."""

from __future__ import annotations

from planserv.demo.context import DemoContext


def build(context: DemoContext) -> None:
    """Nothing yet: the partners capability adds its demo data here."""
