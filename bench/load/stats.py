"""Latency summaries (milliseconds) shared by PERF-1 and PERF-5."""

from __future__ import annotations

from collections.abc import Sequence


def pct(values: Sequence[float], q: float) -> float:
    """Nearest-rank percentile (q in 0..100); 0.0 for no values."""
    if not values:
        return 0.0
    ordered = sorted(values)
    rank = max(1, -(-len(ordered) * q // 100))
    return ordered[int(rank) - 1]


def summary(latencies_s: Sequence[float], elapsed_s: float) -> dict[str, float]:
    """Count, throughput and p50/p95/p99/max in milliseconds."""
    ms = [x * 1000 for x in latencies_s]
    return {
        "count": len(ms),
        "elapsed_s": round(elapsed_s, 3),
        "tps": round(len(ms) / elapsed_s, 1) if elapsed_s > 0 else 0.0,
        "p50_ms": round(pct(ms, 50), 2),
        "p95_ms": round(pct(ms, 95), 2),
        "p99_ms": round(pct(ms, 99), 2),
        "max_ms": round(max(ms), 2) if ms else 0.0,
    }
