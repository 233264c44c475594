"""Load helpers of PERF-1 and PERF-5: data setup, the reserve at three levels, an open-loop client."""
