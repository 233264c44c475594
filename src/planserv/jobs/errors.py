from planserv.core.errors import RuleViolation


class ClockBackwards(RuleViolation):
    code = "clock_backwards"
    rule = "R-TIME-1"


class RunnerBusy(RuleViolation):
    code = "job_runner_busy"
    rule = "R-TIME-1"
    http_status = 409


class LeaseLost(RunnerBusy):
    """Another runner took over the lease (ours lapsed): this runner stops."""

    code = "job_runner_lease_lost"
