"""Demo data of the customers capability."""

from __future__ import annotations

from planserv.demo.context import DemoContext


def build(context: DemoContext) -> None:
    """Nothing yet: the customers capability adds its demo data here."""
