"""The days ledger (domain.md section 4.2, STYLE.md principle 4).

Days are never edited, only moved between accounts by `services.ledger_move` (one entry) or
`services.ledger_move_batch` (a set of entries for sweeps). See `accounts.py` for the accounts and
the movements the ledger allows.
"""
