"""Officials at work while the load test runs: rows saved at a steady rate.

    .venv/bin/python -m bench.edits [--per-second 2] [--seed 1]

342 municipalities share the portal, and their officials save places, opening
hours, activities and grants all day. Each save makes cached public pages out of
date (core/public_pages/); a load test without writes shows a cache that is
never emptied. bench/run.py starts this beside gunicorn with `--edits-per-second`.

Each save is a random row saved again unchanged, through the ORM as the admin saves
it, so its signals run and the data stays as generated. It runs
until it is stopped, and prints how many rows it saved.
"""

from __future__ import annotations

import argparse
import random
import signal
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--per-second", type=float, default=2.0)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)

    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    bounds = editable()
    if not bounds:
        raise SystemExit("No rows to edit: generate the data first.")
    chance = random.Random(args.seed)
    saved = 0
    stopping = False

    def stop(*_args) -> None:
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    interval = 1 / args.per_second
    next_save = time.monotonic()
    while not stopping:
        saved += save_random_row(chance, bounds)
        next_save += interval
        time.sleep(max(0.0, next_save - time.monotonic()))
    print(f"Officials saved {saved} rows.", flush=True)
    return 0


def editable() -> dict[type, tuple[int, int]]:
    """What officials edit most in the admin, each model with its range of pks."""
    from django.db.models import Max, Min

    from neighbourhoods.models import Activity, Facility, OpeningHours, Room
    from policy.models import Grant

    bounds = {}
    for model in (Facility, OpeningHours, Room, Activity, Grant):
        pks = model.objects.aggregate(low=Min("pk"), high=Max("pk"))
        if pks["low"] is not None:
            bounds[model] = (pks["low"], pks["high"])
    return bounds


def save_random_row(chance: random.Random, bounds: dict) -> bool:
    """Save a random row of a random one of these models again, unchanged."""
    model = chance.choice(list(bounds))
    low, high = bounds[model]
    row = model.objects.filter(pk__gte=chance.randint(low, high)).order_by("pk").first()
    if row is None:
        return False
    row.save()
    return True


if __name__ == "__main__":
    sys.exit(main())
