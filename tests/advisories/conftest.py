"""Members of one council, and a helper to post the advice form as a browser does."""

import pytest

from testdata.advisories import (
    AdviceRequestFactory,
    AdvisoryCouncilFactory,
    MembershipFactory,
)


@pytest.fixture
def council(db):
    return AdvisoryCouncilFactory()


@pytest.fixture
def member(council):
    return MembershipFactory(council=council).user


@pytest.fixture
def other_member(council):
    return MembershipFactory(council=council).user


@pytest.fixture
def chair(council):
    return MembershipFactory(council=council, chair=True).user


@pytest.fixture
def advice_request(council):
    return AdviceRequestFactory(council=council)


def advice_form_data(
    *,
    title="Advies over het beleidskader welzijn",
    recommendations=(),
    sections=(),
    questions=(),
    creation_key="",
    action="opslaan",
    **extra,
) -> dict:
    """The POST of the advice form: fields plus three formsets, one blank part each."""
    data = {
        "title": title,
        "addressee": "college",
        "dated": "",
        "summary": "",
        "attachment_title": "",
        "action": action,
        **extra,
    }
    if creation_key:
        data["creation_key"] = str(creation_key)
    parts = {
        "onderdeel": [{"heading": h, "body": b} for h, b in sections],
        "aanbeveling": [{"text": t} for t in recommendations],
        "vraag": [{"text": t} for t in questions],
    }
    for prefix, rows in parts.items():
        rows = [*rows, {}]
        data[f"{prefix}-TOTAL_FORMS"] = str(len(rows))
        data[f"{prefix}-INITIAL_FORMS"] = "0"
        for index, row in enumerate(rows):
            for name, value in row.items():
                data[f"{prefix}-{index}-{name}"] = value
            data[f"{prefix}-{index}-ORDER"] = str(index + 1) if row else ""
    return data
