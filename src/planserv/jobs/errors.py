from planserv.core.errors import RuleViolation


class ClockBackwards(RuleViolation):
    code = "clock_backwards"
    rule = "R-TIME-1"


class RunnerBusy(RuleViolation):
    code = "job_runner_busy"
    rule = "R-TIME-1"
    http_status = 409
