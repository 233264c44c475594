"""Demo data of the reports capability."""

from __future__ import annotations

from planserv.demo.context import DemoContext


def build(context: DemoContext) -> None:
    """Nothing yet: the reports capability adds its demo data here."""
