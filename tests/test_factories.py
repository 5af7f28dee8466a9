"""Every factory makes a valid instance, with and without its traits."""

import inspect
from itertools import pairwise

import pytest
from django.apps import apps

from advisories.models import AdviceKind, AdviceStatus
from neighbourhoods.models import Booking
from policy.models import GrantStatus
from testdata import advisories as advisory_factories
from testdata import neighbourhoods as neighbourhood_factories
from testdata import policy as policy_factories
from testdata.factories import StaffUserFactory, UserFactory, model_factories

pytestmark = pytest.mark.django_db

APPS = ("neighbourhoods", "policy", "advisories")
FACTORIES = sorted(
    [UserFactory, StaffUserFactory, *model_factories().values()],
    key=lambda factory_class: factory_class.__name__,
)


def test_every_model_of_the_three_apps_has_a_factory():
    covered = {factory_class._meta.get_model_class() for factory_class in FACTORIES}
    # Tables without permissions are written by the database alone (triggers).
    models = {
        model
        for app in APPS
        for model in apps.get_app_config(app).get_models()
        if model._meta.default_permissions
    }
    missing = sorted(model.__name__ for model in models - covered)
    assert missing == []


@pytest.mark.parametrize("factory_class", FACTORIES, ids=lambda f: f.__name__)
def test_factory_saves_an_instance_that_passes_full_clean(factory_class):
    instance = factory_class()

    assert instance.pk is not None
    instance.full_clean()
    assert factory_class._meta.get_model_class().objects.filter(pk=instance.pk).exists()


@pytest.mark.parametrize(
    "factory_class, traits",
    [
        (advisory_factories.AdviceFactory, {"sent": True}),
        (advisory_factories.AdviceFactory, {"unsolicited": True}),
        (advisory_factories.AdviceFactory, {"unsolicited": True, "sent": True}),
        (advisory_factories.MembershipFactory, {"chair": True, "former": True}),
        (advisory_factories.ResponseFactory, {"not_adopted": True}),
        (policy_factories.GrantFactory, {"granted": True}),
        (policy_factories.GrantFactory, {"settled": True}),
        (policy_factories.GoalFactory, {"on_track": True}),
        (policy_factories.PolicyFrameworkFactory, {"adopted": True}),
        (neighbourhood_factories.FacilityFactory, {"heart": True, "subsidised": True}),
        (neighbourhood_factories.OrganisationFactory, {"registered": True}),
        (neighbourhood_factories.OrganisationFactory, {"informal": True}),
        (neighbourhood_factories.OpeningExceptionFactory, {"special_hours": True}),
        (neighbourhood_factories.BookingFactory, {"ad_hoc": True}),
    ],
    ids=lambda value: value.__name__ if inspect.isclass(value) else "-".join(value),
)
def test_traits_make_valid_instances(factory_class, traits):
    instance = factory_class(**traits)

    instance.full_clean()


def test_sent_advice_has_a_send_date_and_unsolicited_advice_no_request():
    sent = advisory_factories.AdviceFactory(sent=True)
    unsolicited = advisory_factories.AdviceFactory(unsolicited=True)

    assert sent.status == AdviceStatus.SENT
    assert sent.sent_on is not None
    assert unsolicited.kind == AdviceKind.UNSOLICITED
    assert unsolicited.request is None


def test_settled_grant_carries_the_granted_amount():
    grant = policy_factories.GrantFactory(settled=True)

    assert grant.status == GrantStatus.SETTLED
    assert grant.amount_granted is not None
    assert grant.amount_settled is not None


def test_bookings_in_one_room_never_overlap():
    room = neighbourhood_factories.RoomFactory()

    bookings = neighbourhood_factories.BookingFactory.create_batch(5, room=room)

    for booking in bookings:
        booking.full_clean()
    periods = sorted(
        (booking.period.lower, booking.period.upper) for booking in bookings
    )
    assert all(
        earlier_end <= later_start
        for (_, earlier_end), (later_start, _) in pairwise(periods)
    )
    assert Booking.objects.filter(room=room).count() == 5


def test_request_concerns_a_framework_of_the_councils_municipality():
    request = advisory_factories.AdviceRequestFactory()

    framework = request.framework_version.framework
    assert framework.municipality == request.council.municipality
