"""Demo data of the payments capability."""

from __future__ import annotations

from planserv.demo.context import DemoContext


def build(context: DemoContext) -> None:
    """Nothing yet: the payments capability adds its demo data here."""
