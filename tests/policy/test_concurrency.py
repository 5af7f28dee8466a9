"""Two officials on the same object: the second save is refused and nothing is lost."""

from http import HTTPStatus

import pytest
from django.urls import reverse
from django.utils.html import escape

from policy.admin.base import STALE_ROWS, STALE_SELECTION
from policy.models import (
    CONFLICT,
    ConcurrentEditError,
    Consultation,
    Goal,
    GoalStatus,
    Track,
)
from testdata.policy import (
    ConsultationFactory,
    GoalFactory,
    PolicyFrameworkFactory,
    TrackFactory,
)

pytestmark = pytest.mark.django_db


def test_saving_a_stale_copy_is_refused_and_keeps_the_first_save():
    goal = GoalFactory(title="Elke wijk een kloppend hart")
    first = Goal.objects.get(pk=goal.pk)
    second = Goal.objects.get(pk=goal.pk)

    first.title = "Elke wijk een kloppend hart in 2015"
    first.save()
    second.title = "Een hart voor Vathorst"
    with pytest.raises(ConcurrentEditError):
        second.save()

    goal.refresh_from_db()
    assert goal.title == "Elke wijk een kloppend hart in 2015"
    assert goal.lock_version == 1


def test_each_save_raises_the_version_even_with_update_fields():
    goal = GoalFactory()
    goal.status = GoalStatus.ON_TRACK
    goal.save(update_fields=["status"])
    goal.save()

    assert Goal.objects.get(pk=goal.pk).lock_version == 2
    assert goal.lock_version == 2


def change_url(obj) -> str:
    opts = obj._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])


def changelist_url(model) -> str:
    opts = model._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")


def goal_form(goal, **changes) -> dict:
    data = {
        "framework": goal.framework_id,
        "track": goal.track_id or "",
        "number": goal.number,
        "title": goal.title,
        "text": goal.text,
        "horizon": goal.horizon,
        "due_on": "",
        "status": goal.status,
        "lock_version": goal.lock_version,
    }
    for prefix in ("indicators", "goalrollout_set"):
        data[f"{prefix}-TOTAL_FORMS"] = 0
        data[f"{prefix}-INITIAL_FORMS"] = 0
    data.update(changes)
    return data


def test_the_change_form_refuses_the_second_save_and_keeps_what_was_typed(
    admin_client,
):
    goal = GoalFactory(title="Elke wijk een kloppend hart")
    # Both officials open the form: it carries version 0.
    response = admin_client.get(change_url(goal))
    assert 'name="lock_version" value="0"' in response.content.decode()
    opened = Goal.objects.get(pk=goal.pk)

    first = admin_client.post(
        change_url(goal), goal_form(opened, title="Kloppend hart in elke wijk")
    )
    assert first.status_code == HTTPStatus.FOUND
    second = admin_client.post(
        change_url(goal), goal_form(opened, title="Een hart voor Vathorst")
    )

    assert second.status_code == HTTPStatus.OK
    content = second.content.decode()
    assert escape(str(CONFLICT)) in content
    assert 'value="Een hart voor Vathorst"' in content
    goal.refresh_from_db()
    assert goal.title == "Kloppend hart in elke wijk"


def test_a_stale_inline_row_refuses_the_whole_form(admin_client):
    track = TrackFactory(title="Almeerders aan zet")
    framework = track.framework
    opened = Track.objects.get(pk=track.pk)
    Track.objects.get(pk=track.pk).save()  # someone else saved the track meanwhile

    data = {
        "title": framework.title,
        "slug": framework.slug,
        "municipality": framework.municipality_id,
        "summary": framework.summary,
        "period_start": framework.period_start,
        "period_end": framework.period_end or "",
        "new_status": "",
        "status_on": "",
        "status_reason": "",
        "adopted_on": "",
        "predecessor": "",
        "parent": "",
        "lock_version": framework.lock_version,
    }
    response = admin_client.get(change_url(framework))
    for inline in response.context["inline_admin_formsets"]:
        prefix = inline.formset.prefix
        data[f"{prefix}-TOTAL_FORMS"] = 0
        data[f"{prefix}-INITIAL_FORMS"] = 0
    data.update(
        {
            "tracks-TOTAL_FORMS": 1,
            "tracks-INITIAL_FORMS": 1,
            "tracks-0-id": opened.pk,
            "tracks-0-framework": framework.pk,
            "tracks-0-number": opened.number,
            "tracks-0-title": "Almeerders aan zet, herzien",
            "tracks-0-description": opened.description,
            "tracks-0-lock_version": opened.lock_version,
        }
    )

    response = admin_client.post(change_url(framework), data)

    assert response.status_code == HTTPStatus.OK
    assert escape(str(CONFLICT)) in response.content.decode()
    assert Track.objects.get(pk=track.pk).title == "Almeerders aan zet"


def goal_changelist_post(goals, statuses, versions) -> dict:
    data = {
        "form-TOTAL_FORMS": len(goals),
        "form-INITIAL_FORMS": len(goals),
        "_save": "Opslaan",
    }
    for index, (goal, status, version) in enumerate(
        zip(goals, statuses, versions, strict=True)
    ):
        data[f"form-{index}-id"] = goal.pk
        data[f"form-{index}-status"] = status
        data[f"form-{index}-lock_version"] = version
    return data


def test_list_editable_refuses_rows_changed_meanwhile_and_saves_nothing(
    admin_client,
):
    framework = PolicyFrameworkFactory()
    first, second = GoalFactory.create_batch(2, framework=framework)
    response = admin_client.get(changelist_url(Goal))
    html = response.content.decode()
    assert 'name="form-0-lock_version"' in html
    # Another official sets the second goal at risk in the meantime.
    other = Goal.objects.get(pk=second.pk)
    other.status = GoalStatus.AT_RISK
    other.save()

    goals = sorted([first, second], key=lambda goal: goal.number)
    response = admin_client.post(
        changelist_url(Goal),
        goal_changelist_post(goals, [GoalStatus.ACHIEVED, GoalStatus.ACHIEVED], [0, 0]),
    )

    assert response.status_code == HTTPStatus.OK
    expected = STALE_ROWS % {"objects": str(second)}
    assert escape(expected) in response.content.decode()
    assert Goal.objects.get(pk=first.pk).status == first.status
    assert Goal.objects.get(pk=second.pk).status == GoalStatus.AT_RISK

    # With the current versions the same change goes through.
    fresh = [Goal.objects.get(pk=goal.pk) for goal in goals]
    response = admin_client.post(
        changelist_url(Goal),
        goal_changelist_post(
            fresh,
            [GoalStatus.ACHIEVED, GoalStatus.ACHIEVED],
            [goal.lock_version for goal in fresh],
        ),
    )
    assert response.status_code == HTTPStatus.FOUND
    assert set(Goal.objects.values_list("status", flat=True)) == {GoalStatus.ACHIEVED}


def test_an_action_on_a_row_changed_since_the_list_was_shown_is_refused(
    admin_client,
):
    consultation = ConsultationFactory(reported_to_council_on=None)
    html = admin_client.get(changelist_url(Consultation)).content.decode()
    shown = f"{consultation.pk}:{consultation.lock_version}"
    assert f'value="{shown}"' in html
    Consultation.objects.get(pk=consultation.pk).save()  # changed meanwhile

    response = admin_client.post(
        changelist_url(Consultation),
        {
            "action": "report_to_council_today",
            "_selected_action": [shown],
            "index": 0,
        },
        follow=True,
    )

    expected = STALE_SELECTION % {"objects": str(consultation)}
    assert escape(expected) in response.content.decode()
    consultation.refresh_from_db()
    assert consultation.reported_to_council_on is None

    fresh = Consultation.objects.get(pk=consultation.pk)
    admin_client.post(
        changelist_url(Consultation),
        {
            "action": "report_to_council_today",
            "_selected_action": [f"{fresh.pk}:{fresh.lock_version}"],
            "index": 0,
        },
    )
    fresh.refresh_from_db()
    assert fresh.reported_to_council_on is not None
