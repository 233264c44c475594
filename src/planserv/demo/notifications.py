"""Demo data of the notifications capability."""

from __future__ import annotations

from planserv.demo.context import DemoContext


def build(context: DemoContext) -> None:
    """Nothing yet: the notifications capability adds its demo data here."""
