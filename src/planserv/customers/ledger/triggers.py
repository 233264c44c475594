"""SQL that makes ledger entries immutable in the database (used by migration 0002).

PostgreSQL refuses UPDATE and DELETE; SQLite refuses UPDATE (the SQLite test suite flushes tables
with DELETE between transactional tests; entries are never deleted by the application, which
protects them with on_delete=PROTECT).
"""

POSTGRES = """
CREATE OR REPLACE FUNCTION customers_ledger_entry_immutable() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'customers_ledgerentry is immutable: post a reversing entry instead';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER customers_ledger_entry_no_change BEFORE UPDATE OR DELETE ON customers_ledgerentry
  FOR EACH ROW EXECUTE FUNCTION customers_ledger_entry_immutable();
"""
POSTGRES_REVERSE = """
DROP TRIGGER IF EXISTS customers_ledger_entry_no_change ON customers_ledgerentry;
DROP FUNCTION IF EXISTS customers_ledger_entry_immutable();
"""
SQLITE = [
    "CREATE TRIGGER IF NOT EXISTS customers_ledger_entry_no_update BEFORE UPDATE ON "
    "customers_ledgerentry BEGIN SELECT RAISE(ABORT, 'customers_ledgerentry is immutable: "
    "post a reversing entry instead'); END;"
]
SQLITE_REVERSE = ["DROP TRIGGER IF EXISTS customers_ledger_entry_no_update;"]

# Balances change all the time: free space on each page lets PostgreSQL update them in place
# (heap-only tuples), without touching the account indexes.
POSTGRES_FILLFACTOR = "ALTER TABLE customers_ledgeraccount SET (fillfactor = 80);"
