"""Prometheus metrics: requests and latencies (middleware), queue length and runs (from the DB).

With several gunicorn workers set PROMETHEUS_MULTIPROC_DIR to an empty directory shared by them;
the request metrics of all processes are then summed at scrape time.
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Callable, Iterator

from django.db.models import Count, DurationField, ExpressionWrapper, F, Sum
from django.http import HttpRequest, HttpResponse
from prometheus_client import CollectorRegistry, Counter, Histogram, generate_latest, multiprocess
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily, Metric
from prometheus_client.registry import Collector

from meedenken.operations.selectors import queue_length
from meedenken.runs.models import AnalysisRun

log = logging.getLogger("meedenken.requests")

REQUESTS = Counter(
    "meedenken_http_requests",
    "HTTP requests handled, by URL pattern, method and status.",
    ["route", "method", "status"],
    registry=None,
)
LATENCY = Histogram(
    "meedenken_http_request_duration_seconds",
    "Time to answer an HTTP request, by URL pattern.",
    ["route"],
    registry=None,
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10),
)


def route_of(request: HttpRequest) -> str:
    """The URL pattern that answered (no secrets, bounded label set)."""
    match = getattr(request, "resolver_match", None)
    return match.route if match is not None and match.route else "unmatched"


class MetricsMiddleware:
    """Counts and times every request; logs one line a request with its pattern, not its path."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        start = time.perf_counter()
        response = self.get_response(request)
        seconds = time.perf_counter() - start
        route = route_of(request)
        REQUESTS.labels(route, request.method or "", str(response.status_code)).inc()
        LATENCY.labels(route).observe(seconds)
        log.info(
            "request",
            extra={
                "route": route,
                "method": request.method,
                "status": response.status_code,
                "duration_ms": round(seconds * 1000, 1),
            },
        )
        return response


class DatabaseCollector(Collector):
    """Queue length and analysis runs, read from the database at scrape time."""

    def collect(self) -> Iterator[Metric]:
        queue = GaugeMetricFamily("meedenken_task_queue_length", "Tasks due and waiting.")
        queue.add_metric([], queue_length())
        yield queue
        runs = GaugeMetricFamily(
            "meedenken_analysis_runs",
            "Analysis runs by kind and status.",
            labels=["kind", "status"],
        )
        for row in AnalysisRun.objects.values("kind", "status").annotate(n=Count("id")):
            runs.add_metric([row["kind"], row["status"]], row["n"])
        yield runs
        duration = ExpressionWrapper(
            F("finished_at") - F("started_at"), output_field=DurationField()
        )
        done = CounterMetricFamily(
            "meedenken_analysis_run_seconds",
            "Total and count of finished analysis run durations, by kind.",
            labels=["kind"],
        )
        count = CounterMetricFamily(
            "meedenken_analysis_runs_finished", "Finished analysis runs, by kind.", labels=["kind"]
        )
        finished = (
            AnalysisRun.objects.filter(started_at__isnull=False, finished_at__isnull=False)
            .values("kind")
            .annotate(total=Sum(duration), n=Count("id"))
        )
        for kind_row in finished:
            total = kind_row["total"]
            done.add_metric([kind_row["kind"]], total.total_seconds() if total else 0.0)
            count.add_metric([kind_row["kind"]], kind_row["n"])
        yield done
        yield count


def render() -> bytes:
    registry = CollectorRegistry(auto_describe=False)
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        multiprocess.MultiProcessCollector(registry)
    else:
        registry.register(REQUESTS)
        registry.register(LATENCY)
    registry.register(DatabaseCollector())
    return generate_latest(registry)
