"""`python -m bench` judges each page against the issue's targets and says so."""

import json

from bench.__main__ import report, verdicts


def row(name, rps, p95_ms, errors=0, floor=1000.0):
    return {
        "name": name,
        "path": f"/{name}/",
        "rps": rps,
        "ratio": rps / floor,
        "p95_us": p95_ms * 1000,
        "errors": errors,
    }


def test_a_page_that_meets_every_target_is_not_named():
    pages = [row("plek", 600, 40), row("floor", 1000, 10)]

    assert verdicts(pages, 0.5) == []


def test_the_member_portal_is_held_to_the_latency_but_not_the_share():
    portal = {**row("portaal", 200, 60), "public": False}
    slow = {**row("portaal", 200, 160), "public": False}

    assert verdicts([portal], 0.5) == []
    assert verdicts([slow], 0.5) == ["portaal: p95 160 ms"]


def test_share_latency_errors_and_unmeasured_pages_are_each_named():
    pages = [
        row("wijk", 80, 40),
        row("zoeken", 600, 150),
        row("adviezen", 600, 40, errors=3),
        {"name": "subsidies", "path": "/subsidies/", "skipped": "answers 500"},
        row("floor", 1000, 10),
    ]

    missed = verdicts(pages, 0.1)

    assert missed == [
        "wijk: 8% of the floor",
        "zoeken: p95 150 ms",
        "adviezen: 3 errors",
        "subsidies: answers 500",
    ]


def test_the_report_holds_both_runs_their_verdicts_and_the_audit(tmp_path):
    for label, pages in {
        "country-uncached": [row("plek", 150, 90), row("floor", 1000, 10)],
        "country-redis": [row("plek", 700, 20), row("floor", 1000, 10)],
    }.items():
        (tmp_path / f"run-{label}.json").write_text(json.dumps({"pages": pages}))
        (tmp_path / f"run-{label}.md").write_text(f"| table of {label} |\n")
    (tmp_path / "queries.md").write_text("| page | queries |\n")

    text = report(
        "country",
        600.0,
        {"uncached": "country-uncached", "cached": "country-redis"},
        results=tmp_path,
    )

    assert "Data generated in this run: 10.0 min." in text
    assert "| table of country-uncached |" in text
    assert "| table of country-redis |" in text
    assert text.count("met by every page.") == 2
    assert "## Queries per page" in text
