"""REL-4: the model and the system agree on any history (Hypothesis state machine).

Budget: `PLANSERV_MODEL_EXAMPLES` examples (default 200) of at most `PLANSERV_MODEL_STEPS` steps
(default 40). The seed is random per run unless `PLANSERV_MODEL_SEED` (or pytest's
`--hypothesis-seed`) fixes it; it is printed, so a failure is replayed with
`PLANSERV_MODEL_SEED=<seed> pytest -n 0 tests/model/test_program_model.py`.
"""

from __future__ import annotations

import contextlib
import os
import random
import sys
import time

import hypothesis.core
import pytest
from hypothesis import HealthCheck, Phase, settings
from hypothesis.stateful import run_state_machine_as_test

from planserv.jobs import registry, runner
from tests.model.program_machine import OUTCOMES, ProgramMachine, build_world, state_jobs_only

pytestmark = [pytest.mark.django_db, pytest.mark.slow]  # ~2 minutes: not in `make test-fast`

EXAMPLES = int(os.environ.get("PLANSERV_MODEL_EXAMPLES", "200"))
STEPS = int(os.environ.get("PLANSERV_MODEL_STEPS", "40"))


def say(text: str) -> None:
    """Report progress on stdout (shown with -s and in make mutants)."""
    sys.stdout.write(f"{text}\n")
    sys.stdout.flush()


def model_settings(examples: int = EXAMPLES, steps: int = STEPS) -> settings:
    return settings(
        max_examples=examples,
        stateful_step_count=steps,
        deadline=None,
        derandomize=False,
        database=None,
        print_blob=True,
        suppress_health_check=list(HealthCheck),
        phases=[Phase.explicit, Phase.generate, Phase.shrink],
    )


def choose_seed(monkeypatch: pytest.MonkeyPatch) -> int:
    """The run's seed: PLANSERV_MODEL_SEED, pytest's --hypothesis-seed, or a fresh one; printed."""
    forced = hypothesis.core.global_force_seed
    seed = int(
        os.environ.get("PLANSERV_MODEL_SEED") or forced or random.SystemRandom().randrange(2**32)
    )
    monkeypatch.setattr(hypothesis.core, "global_force_seed", seed)
    say(f"\nREL-4 seed: {seed}  (replay: PLANSERV_MODEL_SEED={seed})")
    return seed


def print_outcomes() -> None:
    """What the run exercised: each rule's outcomes (ok or refusal code) and how often."""
    rules: dict[str, list[str]] = {}
    for (name, code), count in sorted(OUTCOMES.items()):
        rules.setdefault(name, []).append(f"{code} {count}")
    for name, codes in rules.items():
        say(f"  {name}: {', '.join(codes)}")
    OUTCOMES.clear()


def run_model(
    monkeypatch: pytest.MonkeyPatch, *, examples: int = EXAMPLES, steps: int = STEPS
) -> None:
    seed = choose_seed(monkeypatch)
    # No lease-renewing thread per job run (a test's jobs take milliseconds), state jobs only.
    monkeypatch.setattr(runner, "_heartbeat", lambda lease: contextlib.nullcontext())
    monkeypatch.setattr(registry, "daily_jobs", state_jobs_only(registry.daily_jobs))
    ProgramMachine.world = build_world()
    started = time.perf_counter()
    try:
        run_state_machine_as_test(ProgramMachine, settings=model_settings(examples, steps))
    except BaseException as failure:
        say(f"REL-4 FAILED with seed {seed} (replay: PLANSERV_MODEL_SEED={seed})")
        failure.add_note(f"REL-4 seed: {seed}")
        raise
    finally:
        print_outcomes()
        say(
            f"REL-4: {examples} examples x <= {steps} steps in {time.perf_counter() - started:.1f} s"
        )


def test_the_model_and_the_system_agree_on_any_history_rel_4(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    run_model(monkeypatch)
