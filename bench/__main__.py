"""`make bench`: runs every benchmark of bench/ and writes bench/results/*.json."""

import sys

if __name__ == "__main__":
    sys.stderr.write("No benchmark is implemented yet (issue: Performance).\n")
    sys.exit(2)
