"""The audit log records logins, failures and every change to policy, advice, subsidy and
booking data with who, when and what; it is read-only in the admin."""

from datetime import timedelta
from decimal import Decimal
from http import HTTPStatus

import pytest
import time_machine
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from audit.admin import AuditHistoryMixin
from audit.context import Actor, acting_as
from audit.models import Action, AuditEntry
from testdata.advisories import AdviceFactory, RecommendationFactory
from testdata.neighbourhoods import BookingFactory, ThemeFactory
from testdata.otp import otp_login, totp_code
from testdata.policy import GrantFactory, PolicyFrameworkFactory

pytestmark = pytest.mark.django_db


def entries_for(obj):
    return list(AuditEntry.objects.for_object(obj).order_by("pk"))


@pytest.mark.parametrize(
    "factory",
    [
        PolicyFrameworkFactory,
        AdviceFactory,
        RecommendationFactory,
        GrantFactory,
        BookingFactory,
    ],
    ids=["framework", "advice", "recommendation", "grant", "booking"],
)
def test_create_update_delete_are_recorded_with_the_actor(official, factory):
    with acting_as(Actor(official.pk, official.username, "192.0.2.5")):
        obj = factory()
        model = type(obj)
        text_field = next(
            f
            for f in model._meta.concrete_fields
            if f.get_internal_type() in {"CharField", "TextField"}
            and not f.unique
            and not f.choices
            and f.editable
        )
        setattr(obj, text_field.attname, "Gewijzigd door de ambtenaar")
        obj.save()
        pk = obj.pk
        obj.delete()
        obj.pk = pk

    create, update, delete = entries_for(obj)
    assert [create.action, update.action, delete.action] == [
        Action.CREATE,
        Action.UPDATE,
        Action.DELETE,
    ]
    for entry in (create, update, delete):
        assert entry.user == official
        assert entry.username == official.username
        assert entry.ip_address == "192.0.2.5"
    assert text_field.attname in update.changes
    assert update.changes[text_field.attname][1] == "Gewijzigd door de ambtenaar"
    assert delete.changes[text_field.attname] == "Gewijzigd door de ambtenaar"


def test_a_save_without_changes_adds_no_entry():
    framework = PolicyFrameworkFactory()
    framework.refresh_from_db()
    before = AuditEntry.objects.count()

    framework.save()

    assert AuditEntry.objects.count() == before


def test_an_edit_in_the_admin_records_the_official_and_the_fields(
    admin_client, admin_user
):
    grant = GrantFactory()
    url = reverse("admin:policy_grant_change", args=[grant.pk])
    response = admin_client.get(url)
    # Post the form back as rendered, with one amount changed.
    data = _form_post_data(response)
    data["amount_requested"] = "31000.00"

    result = admin_client.post(url, data)

    assert result.status_code == HTTPStatus.FOUND, result.content.decode()[:2000]
    entry = AuditEntry.objects.for_object(grant).filter(action=Action.UPDATE).get()
    assert entry.user == admin_user
    assert entry.changes["amount_requested"] == ["25000.00", "31000.00"]


def _form_post_data(response) -> dict:
    """The values a browser would post for the admin change form as rendered."""
    data = {}
    adminform = response.context["adminform"]
    for name in adminform.form.fields:
        value = adminform.form[name].value()
        if value is None:
            continue
        if isinstance(value, list | tuple):
            data[name] = [str(v) for v in value]
        elif isinstance(value, bool):
            if value:
                data[name] = "on"
        else:
            data[name] = str(value)
    for formset in response.context["inline_admin_formsets"]:
        management = formset.formset.management_form
        for name in management.fields:
            data[f"{management.prefix}-{name}"] = management[name].value()
        for form in formset.formset.forms:
            for name in form.fields:
                value = form[name].value()
                if value not in (None, False):
                    data[form.add_prefix(name)] = str(value)
    return data


def test_logins_and_second_factor_are_recorded(official):
    client = Client()
    client.post(
        reverse("admin:login"),
        {"username": official.username, "password": "fout-wachtwoord"},
        REMOTE_ADDR="203.0.113.9",
    )
    client.post(
        reverse("admin:login"),
        {"username": official.username, "password": official.raw_password},
        REMOTE_ADDR="203.0.113.9",
    )
    client.post(reverse("two_factor:verify"), {"token": "999999"})
    # A wrong code makes the device wait a moment before it takes the next one.
    with time_machine.travel(timezone.now() + timedelta(seconds=5)):
        client.post(reverse("two_factor:verify"), {"token": totp_code(official)})
    client.post(reverse("admin:logout"))

    actions = list(
        AuditEntry.objects.filter(username=official.username, content_type=None)
        .order_by("pk")
        .values_list("action", flat=True)
    )
    assert actions == [
        Action.LOGIN_FAILED,
        Action.LOGIN,
        Action.SECOND_FACTOR_FAILED,
        Action.SECOND_FACTOR,
        Action.LOGOUT,
    ]
    failed = AuditEntry.objects.get(action=Action.LOGIN_FAILED)
    assert failed.ip_address == "203.0.113.9"
    assert "fout-wachtwoord" not in str(failed.changes)


def test_password_values_never_reach_the_log(official):
    official.set_password("Een-Nieuw-Geheim-2026")
    official.save()

    entry = AuditEntry.objects.for_object(official).filter(action=Action.UPDATE).get()
    assert entry.changes == {"password": ["(verborgen)", "(gewijzigd)"]}
    assert "pbkdf2" not in str(AuditEntry.objects.values_list("changes", flat=True))
    assert "md5" not in str(AuditEntry.objects.values_list("changes", flat=True))


def test_many_to_many_changes_are_recorded():
    framework = PolicyFrameworkFactory()
    theme = ThemeFactory()

    framework.themes.add(theme)
    framework.themes.remove(theme)

    added, removed = (
        AuditEntry.objects.for_object(framework)
        .filter(action=Action.UPDATE)
        .order_by("pk")
    )
    assert added.changes == {"themes": {"toegevoegd": [theme.pk]}}
    assert removed.changes == {"themes": {"weggehaald": [theme.pk]}}


def test_the_audit_log_is_read_only_in_the_admin(admin_client):
    entry = AuditEntry.objects.create(action=Action.LOGIN, username="iemand")

    changelist = admin_client.get(reverse("admin:audit_auditentry_changelist"))
    add = admin_client.get(reverse("admin:audit_auditentry_add"))
    change = admin_client.get(reverse("admin:audit_auditentry_change", args=[entry.pk]))
    post = admin_client.post(
        reverse("admin:audit_auditentry_change", args=[entry.pk]), {"username": "ander"}
    )
    delete = admin_client.post(
        reverse("admin:audit_auditentry_delete", args=[entry.pk]), {"post": "yes"}
    )

    assert changelist.status_code == HTTPStatus.OK
    assert "iemand" in changelist.content.decode()
    assert add.status_code == HTTPStatus.FORBIDDEN
    assert change.status_code == HTTPStatus.OK
    assert 'name="_save"' not in change.content.decode()
    assert post.status_code == HTTPStatus.FORBIDDEN
    assert delete.status_code == HTTPStatus.FORBIDDEN
    entry.refresh_from_db()
    assert entry.username == "iemand"


def test_the_history_mixin_shows_an_objects_trail(rf, official):
    with acting_as(Actor(official.pk, official.username)):
        grant = GrantFactory()
        grant.amount_requested = Decimal("30000.00")
        grant.save()

    class TrailAdmin(AuditHistoryMixin, admin.ModelAdmin):
        pass

    model_admin = TrailAdmin(type(grant), admin.site)
    request = rf.get("/")
    request.user = official
    response = model_admin.history_view(request, str(grant.pk))
    response.render()
    page = response.content.decode()

    assert response.status_code == HTTPStatus.OK
    start = page.index('id="change-history"')
    table = page[start : page.index("</table>", start)]
    assert table.count("<tr>") == 3  # the header and two entries
    assert "ambtenaar" in page
    assert "amount_requested" in page and "30000.00" in page
    assert f"object_id={grant.pk}" in page


def test_an_anonymous_change_is_recorded_without_a_user():
    framework = PolicyFrameworkFactory()

    [entry] = entries_for(framework)
    assert entry.user is None and entry.username == ""


def test_deleting_a_user_keeps_the_name_in_the_log(official):
    with acting_as(Actor(official.pk, official.username)):
        framework = PolicyFrameworkFactory()
    get_user_model().objects.filter(pk=official.pk).delete()

    [entry] = entries_for(framework)
    assert entry.user is None
    assert entry.username == official.username


def test_an_otp_login_helper_is_audited_too(official):
    otp_login(Client(), official)
    assert AuditEntry.objects.filter(action=Action.LOGIN, user=official).exists()
