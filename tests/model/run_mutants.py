"""`make mutants`: plant each REL-4 bug and show which tests catch it.

    python -m tests.model.run_mutants [--quick] [--examples N] [name ...]

For each mutant of tests/model/mutants.py, its narrow catching tests and (unless --quick) the
REL-4 state machine run in a subprocess with the bug planted; a mutant is CAUGHT when at least
one of them fails. A PostgreSQL-only mutant (a missing row lock) needs PLANSERV_TEST_DATABASE_URL
(or PLANSERV_TEST_POSTGRES_URL) and is reported as skipped without it. The report goes to stdout
and var/mutants-report.txt; the exit status is 1 if any mutant survives.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from tests.model.mutants import MUTANTS, STATE_MACHINE, Mutant

ROOT = Path(__file__).resolve().parents[2]
REPORT = ROOT / "var" / "mutants-report.txt"


@dataclass
class Run:
    target: str
    outcome: str  # "FAILED (caught)", "passed (missed)", "error", "skipped"
    seconds: float
    evidence: str


def say(text: str) -> None:
    """Report progress on stdout (shown with -s and in make mutants)."""
    sys.stdout.write(f"{text}\n")
    sys.stdout.flush()


def postgres_url() -> str:
    return os.environ.get("PLANSERV_TEST_DATABASE_URL") or os.environ.get(
        "PLANSERV_TEST_POSTGRES_URL", ""
    )


def run_tests(mutant: Mutant, target: str, *, examples: int) -> Run:
    env = {
        **os.environ,
        "PLANSERV_MUTANT": mutant.name,
        "PYTHONPATH": str(ROOT / "src"),
        "DJANGO_SETTINGS_MODULE": "planserv.config.settings.test",
        "PLANSERV_MODEL_EXAMPLES": str(examples),
    }
    if mutant.postgres_only:
        if not postgres_url():
            return Run(target, "skipped", 0.0, "needs PostgreSQL (PLANSERV_TEST_POSTGRES_URL)")
        env["PLANSERV_TEST_DATABASE_URL"] = postgres_url()
    command = [
        sys.executable,
        "-m",
        "pytest",
        "-p",
        "tests.model.mutant_plugin",
        "-n",
        "0",
        "-q",
        "-x",
        "-s" if target == STATE_MACHINE else "-q",
        "-p",
        "no:cacheprovider",
        target,
    ]
    started = time.monotonic()
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    seconds = time.monotonic() - started
    output = done.stdout + done.stderr
    if done.returncode == 1:
        return Run(target, "FAILED (caught)", seconds, _evidence(output))
    if done.returncode == 0:
        return Run(target, "passed (missed)", seconds, "")
    return Run(target, "error", seconds, output[-800:])


def _evidence(output: str) -> str:
    """The lines that show what failed: the state machine's shrunk story, or pytest's summary."""
    keep = []
    for raw in output.splitlines():
        line = raw.lstrip(" |")
        if line.startswith("E "):
            line = line[1:].strip()
        if (
            line.startswith(
                ("FAILED", "state = ", "state.", "Draw ", "REL-4 seed", "AssertionError")
            )
            or "model and system disagree" in line
            or line.startswith("REL-4:")
        ):
            keep.append(line)
    return "\n".join(keep[:60])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("names", nargs="*", help="mutants to run (default: all)")
    parser.add_argument("--quick", action="store_true", help="narrow tests only, no state machine")
    parser.add_argument("--examples", type=int, default=100, help="state machine examples")
    args = parser.parse_args(argv)
    chosen = [MUTANTS[name] for name in (args.names or MUTANTS)]
    lines = [
        "REL-4 planted bugs: each must make at least one test fail",
        f"database: {'PostgreSQL' if os.environ.get('PLANSERV_TEST_DATABASE_URL') else 'SQLite'}",
        "",
    ]
    survivors = []
    for mutant in chosen:
        targets = list(mutant.tests)
        if mutant.machine and not args.quick:
            targets.append(STATE_MACHINE)
        first = len(lines)
        runs = [run_tests(mutant, target, examples=args.examples) for target in targets]
        caught = [run for run in runs if run.outcome.startswith("FAILED")]
        skipped = all(run.outcome == "skipped" for run in runs)
        verdict = "SKIPPED" if skipped else ("CAUGHT" if caught else "SURVIVED")
        if verdict == "SURVIVED":
            survivors.append(mutant.name)
        lines.append(f"{mutant.name}: {verdict} - {mutant.bug} [{mutant.where}]")
        for run in runs:
            lines.append(f"    {run.outcome:16} {run.seconds:6.1f} s  {run.target}")
        for run in caught:
            if run.evidence:
                lines.extend("        " + line for line in run.evidence.splitlines())
        for run in runs:
            if run.outcome == "error":
                lines.extend("        " + line for line in run.evidence.splitlines()[-12:])
        say("\n".join(lines[first:]))
    caught_count = sum(1 for line in lines if ": CAUGHT" in line)
    lines += [
        "",
        f"{caught_count} of {len(chosen)} planted bugs caught; survivors: {survivors or 'none'}",
    ]
    REPORT.parent.mkdir(exist_ok=True)
    REPORT.write_text("\n".join(lines) + "\n")
    say(lines[-1])
    say(f"report: {REPORT}")
    return 1 if survivors else 0


if __name__ == "__main__":
    sys.exit(main())
