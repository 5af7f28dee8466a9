"""The whole benchmark in one command (`make bench`): data, query audit, load test.

    .venv/bin/python -m bench [--scale country|municipality] [--fresh] [--duration 10]

1. Makes the benchmark's own database (BENCH_DATABASE_URL, by default
   welzijn_bench_<scale> on the local server) and migrates it.
2. Generates the data at that scale, unless the database already holds exactly that
   scale (`--fresh` generates anyway).
3. Runs the query audit (`manage.py query_audit`).
4. Runs the load test three times: uncached (`--cache dummy`), cached (Redis when
   it answers on 127.0.0.1:6379, else each process's local memory), and cached
   while officials save EDITS_PER_SECOND rows a second (bench/edits.py).
5. Writes bench/results/latest.md: the machine, the data, the tables, the checks
   of the issue's targets, and the query audit.

Everything it starts it stops; it touches no other database.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
ROOT = BENCH_DIR.parent
RESULTS = BENCH_DIR / "results"
PYTHON = sys.executable
REDIS = ("127.0.0.1", 6379)
# The targets: share of the floor's throughput, and the p95 latency.
UNCACHED_SHARE = 0.10
CACHED_SHARE = 0.50
P95_MS = 100
# Officials' saves across the country on a busy day: 342 municipalities saving some
# 170 rows each in an eight-hour day make 2 a second.
EDITS_PER_SECOND = 2


def run(*command: str, env: dict[str, str]) -> None:
    print("$", " ".join(command), flush=True)
    subprocess.run(command, cwd=ROOT, env=env, check=True)


def redis_answers() -> bool:
    try:
        with socket.create_connection(REDIS, timeout=1) as connection:
            connection.sendall(b"PING\r\n")
            return connection.recv(16).startswith(b"+PONG")
    except OSError:
        return False


def holds_scale(env: dict[str, str], scale: str) -> bool:
    """Whether the database holds exactly the generated data of this scale."""
    script = (
        "import django, json; django.setup();"
        "from bench.generate import SCALES;"
        "from neighbourhoods.models import Facility, Municipality;"
        f"s = SCALES[{scale!r}];"
        "print(json.dumps(Municipality.objects.count() == s.municipalities"
        " and Facility.objects.count() == s.facilities))"
    )
    output = subprocess.run(
        [PYTHON, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True
    )
    return output.returncode == 0 and json.loads(output.stdout.strip() or "false")


def verdicts(rows: list[dict], share: float) -> list[str]:
    """The pages that miss a target, in words; empty when every page meets them."""
    missed = []
    for row in rows:
        if row["name"] == "floor":
            continue
        if "rps" not in row:
            missed.append(f"{row['name']}: {row.get('skipped', 'not measured')}")
            continue
        # The share of the floor is asked of public pages; the member portal is
        # personal and never cached, but must still answer within the p95.
        if row.get("public", True) and row["ratio"] < share:
            missed.append(f"{row['name']}: {row['ratio']:.0%} of the floor")
        if row["p95_us"] / 1000 >= P95_MS:
            missed.append(f"{row['name']}: p95 {row['p95_us'] / 1000:.0f} ms")
        if row["errors"]:
            missed.append(f"{row['name']}: {row['errors']} errors")
    return missed


def report(
    scale: str,
    generated_s: float | None,
    labels: dict[str, str],
    results: Path = RESULTS,
) -> str:
    lines = [f"# Benchmark at {scale} scale", ""]
    if generated_s is not None:
        lines += [f"Data generated in this run: {generated_s / 60:.1f} min.", ""]
    for kind, label in labels.items():
        result = json.loads((results / f"run-{label}.json").read_text())
        share = UNCACHED_SHARE if kind == "uncached" else CACHED_SHARE
        lines += [f"## {kind.capitalize()}", ""]
        lines.append((results / f"run-{label}.md").read_text().rstrip())
        missed = verdicts(result["pages"], share)
        target = f"≥ {share:.0%} of the floor, p95 < {P95_MS} ms, no errors"
        lines += [
            "",
            f"Target ({target}): "
            + (
                "met by every page." if not missed else "missed by " + "; ".join(missed)
            ),
            "",
        ]
    audit = results / "queries.md"
    if audit.exists():
        lines += ["## Queries per page", "", audit.read_text().rstrip(), ""]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--scale", choices=["municipality", "country"], default="country"
    )
    parser.add_argument("--fresh", action="store_true", help="generate even if present")
    parser.add_argument("--duration", type=int, default=10, help="seconds per page")
    args = parser.parse_args(argv)

    env = dict(os.environ)
    env["DATABASE_URL"] = env.get(
        "BENCH_DATABASE_URL",
        f"postgres://postgres@127.0.0.1:5432/welzijn_bench_{args.scale}",
    )
    env.setdefault("DJANGO_SETTINGS_MODULE", "welzijn.settings.local")
    # The benchmark app, with `generate` and `query_audit`, loads only with BENCH=1.
    env["BENCH"] = "1"
    started = time.monotonic()
    run(PYTHON, "scripts/create_database.py", env=env)
    run(PYTHON, "manage.py", "migrate", "--no-input", "-v0", env=env)
    generated_s = None
    if args.fresh or not holds_scale(env, args.scale):
        began = time.monotonic()
        run(PYTHON, "manage.py", "generate", "--scale", args.scale, "--flush", env=env)
        generated_s = time.monotonic() - began
    else:
        print(f"The database already holds the {args.scale} scale; not generating.")
        # Migrations since it was generated may have filled tables (the summaries the
        # triggers keep): as autovacuum would in production (it may be off here).
        run(PYTHON, "manage.py", "dbshell", "--", "-qc", "VACUUM ANALYZE", env=env)
    run(PYTHON, "manage.py", "query_audit", "--label", args.scale, env=env)
    cached = "redis" if redis_answers() else "locmem"
    editing = "cached, while officials edit"
    labels = {
        "uncached": f"{args.scale}-uncached",
        "cached": f"{args.scale}-{cached}",
        editing: f"{args.scale}-{cached}-edits",
    }
    for kind, cache, edits in (
        ("uncached", "dummy", 0),
        ("cached", cached, 0),
        (editing, cached, EDITS_PER_SECOND),
    ):
        run(
            PYTHON,
            "-m",
            "bench.run",
            "--cache",
            cache,
            "--duration",
            str(args.duration),
            "--edits-per-second",
            str(edits),
            "--label",
            labels[kind],
            env=env,
        )
    text = report(args.scale, generated_s, labels)
    (RESULTS / "latest.md").write_text(text)
    print()
    print(text)
    print(
        f"Written: {RESULTS / 'latest.md'} "
        f"(the whole benchmark took {(time.monotonic() - started) / 60:.1f} min)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
