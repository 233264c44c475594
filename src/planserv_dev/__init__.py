"""Development-only code beside the product package: the demo program (`planserv demo`), the
PERF-6 data generator (`planserv generate`) and `planserv run`.

Installed by the development and test settings only; production settings do not list it, and no
module of `planserv` imports it (import-linter contract in pyproject.toml).
"""
