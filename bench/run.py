"""Load test: the portal under gunicorn as in production, driven by wrk on 127.0.0.1.

    .venv/bin/python -m bench.run [--duration 10] [--connections 16] [--workers 4]
                                  [--cache locmem|redis|dummy] [--label text]
                                  [--edits-per-second 5]

Uses the database in DATABASE_URL (fill it first with `manage.py generate`). It
collects the static files, starts gunicorn with bench.settings (production settings
without the HTTPS redirect) and BENCH=1, warms every page, then runs wrk against each
page in turn for `--duration` seconds with `--connections` connections, and last
against the floor (/_bench/floor/: Django without database or template). Pages that
answer 404 are not built yet and are skipped, and the output says so. With
`--edits-per-second`, bench/edits.py saves rows all the while, as officials do.

Writes bench/results/run-<label>.json and .md and prints the table.
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from datetime import UTC, datetime
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
ROOT = BENCH_DIR.parent
RESULTS = BENCH_DIR / "results"
LUA = BENCH_DIR / "wrk_report.lua"
HOST = "127.0.0.1"


def server_environment(args: argparse.Namespace) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="bench.settings",
        # A fresh key per run: sessions made for this run only work in this run.
        SECRET_KEY=env.get("BENCH_SECRET_KEY") or secrets.token_urlsafe(50),
        ALLOWED_HOSTS=f"{HOST},localhost",
        # Production requires an SMTP server; nothing listens there, and a run sends
        # no mail.
        EMAIL_URL=env.get("BENCH_EMAIL_URL") or f"smtp://{HOST}:25",
        BENCH="1",
        SECURE_SSL_REDIRECT="0",
        SECURE_HSTS_SECONDS="0",
        LOG_LEVEL="WARNING",
    )
    env.pop("CACHE_URL", None)
    env.pop("REDIS_URL", None)
    env.pop("BENCH_CACHE", None)
    if args.cache == "redis":
        env["CACHE_URL"] = args.redis_url
    elif args.cache == "dummy":
        env["BENCH_CACHE"] = "dummy"
    if args.pool:
        env["DB_POOL_MAX_SIZE"] = str(args.pool)
    return env


def fetch(url: str, cookie: str = "") -> tuple[int, bytes]:
    request = urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {})
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def wait_until_up(base: str, process: subprocess.Popen, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(
                "gunicorn stopped before it answered; see its output above."
            )
        try:
            if fetch(base + "/_bench/floor/")[0] == 200:
                return
        except OSError:
            pass
        time.sleep(0.3)
    raise SystemExit("gunicorn did not answer within a minute.")


def run_wrk(url: str, args: argparse.Namespace, cookie: str) -> dict:
    command = [
        args.wrk,
        f"-t{args.threads}",
        f"-c{args.connections}",
        f"-d{args.duration}s",
        "--timeout",
        "10s",
        "-s",
        str(LUA),
    ]
    # As every browser does; the portal compresses what benefits (open data,
    # static files through whitenoise), and pages are the same either way.
    command += ["-H", "Accept-Encoding: gzip, deflate, br"]
    if cookie:
        command += ["-H", f"Cookie: {cookie}"]
    output = subprocess.run(
        [*command, url], capture_output=True, text=True, check=True
    ).stdout
    for line in output.splitlines():
        if line.startswith("BENCH_JSON "):
            data = json.loads(line.removeprefix("BENCH_JSON "))
            data["rps"] = data["requests"] / (data["duration_us"] / 1e6)
            return data
    raise RuntimeError(f"wrk printed no result:\n{output}")


def markdown(rows: list[dict], meta: dict) -> str:
    lines = [
        f"Run {meta['label']} at {meta['started']}: {meta['connections']} connections, "
        f"{meta['duration']} s per page, gunicorn {meta['workers']} workers "
        f"({meta['worker_class']}), cache {meta['cache']}, pool {meta['pool'] or 'off'}, "
        f"{meta['municipalities']} municipalities / {meta['facilities']:,} places in the "
        f"database; machine: {meta['machine']}."
        + (
            f" Meanwhile officials saved {meta['edits_per_second']:g} rows a second "
            "(bench/edits.py)."
            if meta.get("edits_per_second")
            else ""
        ),
        "",
        "| page | path | req/s | p50 ms | p95 ms | p99 ms | errors | vs floor |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for row in rows:
        if "skipped" in row:
            lines.append(
                f"| {row['name']} | `{row['path']}` | {row['skipped']} | | | | | |"
            )
            continue
        if not row["requests"]:
            lines.append(
                f"| {row['name']} | `{row['path']}` | 0 (none done in "
                f"{meta['duration']} s) | | | | {row['errors']} | 0% |"
            )
            continue
        lines.append(
            f"| {row['name']} | `{row['path']}` | {row['rps']:.1f} | "
            f"{row['p50_us'] / 1000:.1f} | {row['p95_us'] / 1000:.1f} | "
            f"{row['p99_us'] / 1000:.1f} | {row['errors']} | {row['ratio']:.0%} |"
        )
    return "\n".join(lines) + "\n"


def machine() -> str:
    cpus = os.cpu_count()
    try:
        model = next(
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        )
    except (OSError, StopIteration):
        model = "unknown CPU"
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return f"{cpus} × {model}, {memory:.0f} GiB RAM"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=int, default=10, help="seconds per page")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--threads", type=int, default=2, help="wrk threads")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn workers")
    parser.add_argument("--worker-class", default="sync", help="gunicorn worker class")
    parser.add_argument("--gunicorn-threads", type=int, default=1)
    parser.add_argument(
        "--cache", choices=["locmem", "redis", "dummy"], default="locmem"
    )
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/9")
    parser.add_argument(
        "--pool", type=int, default=0, help="psycopg pool size (0: off)"
    )
    parser.add_argument(
        "--edits-per-second",
        type=float,
        default=0,
        help="rows saved per second while measuring (bench/edits.py); 0: none",
    )
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--label", default="")
    parser.add_argument("--only", nargs="*", help="names of pages to measure")
    parser.add_argument("--wrk", default=shutil.which("wrk") or "wrk")
    args = parser.parse_args(argv)
    if not shutil.which(args.wrk):
        raise SystemExit("wrk is missing: run scripts/ensure-wrk.sh first.")

    env = server_environment(args)
    # This process reads the same database and settings as the server it starts.
    os.environ.clear()
    os.environ.update(env)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from neighbourhoods.models import Facility, Municipality

    from . import pages as bench_pages

    python = sys.executable
    subprocess.run(
        [python, "manage.py", "collectstatic", "--no-input", "-v0"],
        cwd=ROOT,
        env=env,
        check=True,
    )
    base = f"http://{HOST}:{args.port}"
    gunicorn = [
        str(Path(python).with_name("gunicorn")),
        "welzijn.wsgi:application",
        "--bind",
        f"{HOST}:{args.port}",
        "--workers",
        str(args.workers),
        "--worker-class",
        args.worker_class,
        "--threads",
        str(args.gunicorn_threads),
        "--log-level",
        "warning",
    ]
    server = subprocess.Popen(gunicorn, cwd=ROOT, env=env, start_new_session=True)
    editor = None
    rows: list[dict] = []
    started = datetime.now(UTC).isoformat(timespec="seconds")
    try:
        wait_until_up(base, server)
        if args.edits_per_second:
            editor = subprocess.Popen(
                [
                    python,
                    "-m",
                    "bench.edits",
                    "--per-second",
                    str(args.edits_per_second),
                ],
                cwd=ROOT,
                env=env,
            )
        client = bench_pages.logged_in_client()
        cookie = bench_pages.session_cookie(client) if client else ""
        todo = bench_pages.pages()
        if args.only:
            todo = [
                p for p in todo if p.name in args.only or p.name == bench_pages.FLOOR
            ]
        for page in todo:
            path = page.path
            status, body = fetch(base + path, cookie if page.login else "")
            if page.path.startswith(bench_pages.OPEN_DATA) and status == 200:
                path = (
                    bench_pages.download_path(body.decode("utf-8", "replace")) or path
                )
                status, body = fetch(base + path)
            row = {"name": page.name, "path": path, "public": page.public}
            if page.login and not cookie:
                row["skipped"] = "skipped: no bench member (run generate)"
            elif status == 404:
                row["skipped"] = "skipped: 404, not built yet"
            elif status != 200:
                # e.g. 500 after gunicorn's 30 s worker timeout: too slow to measure.
                row["skipped"] = f"not measured: answers {status}"
            if "skipped" in row:
                print(f"{page.name:<20} {path}: {row['skipped']}", flush=True)
                rows.append(row)
                continue
            # Warm templates, caches and the database's buffers: 20 requests, 5 s at most.
            warm_until = time.monotonic() + 5
            for _ in range(20):
                fetch(base + path, cookie if page.login else "")
                if time.monotonic() > warm_until:
                    break
            result = run_wrk(base + path, args, cookie if page.login else "")
            row.update(result)
            print(
                f"{page.name:<20} {result['rps']:8.1f} req/s  p50 {result['p50_us'] / 1000:6.1f} ms"
                f"  p95 {result['p95_us'] / 1000:6.1f} ms  p99 {result['p99_us'] / 1000:6.1f} ms"
                f"  errors {result['errors']}",
                flush=True,
            )
            rows.append(row)
    finally:
        if editor is not None:
            editor.terminate()
            editor.wait(timeout=30)
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)

    floor = next(
        (r for r in rows if r["name"] == bench_pages.FLOOR and "rps" in r), None
    )
    for row in rows:
        if "rps" in row:
            row["ratio"] = row["rps"] / floor["rps"] if floor else 0.0
    meta = {
        "label": args.label or f"{args.cache}-{started}",
        "started": started,
        "duration": args.duration,
        "connections": args.connections,
        "workers": args.workers,
        "worker_class": args.worker_class,
        "cache": args.cache,
        "pool": args.pool,
        "edits_per_second": args.edits_per_second,
        "municipalities": Municipality.objects.count(),
        "facilities": Facility.objects.count(),
        "machine": machine(),
    }
    RESULTS.mkdir(exist_ok=True)
    name = "run-" + "".join(
        c if c.isalnum() or c in "-_" else "-" for c in meta["label"]
    )
    (RESULTS / f"{name}.json").write_text(
        json.dumps({"meta": meta, "pages": rows}, indent=2)
    )
    table = markdown(rows, meta)
    (RESULTS / f"{name}.md").write_text(table)
    print()
    print(table)
    print(f"Written: {RESULTS / name}.json and .md")
    return 0


if __name__ == "__main__":
    sys.exit(main())
