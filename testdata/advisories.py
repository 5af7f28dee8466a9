"""Factories for the advisory council: members, requests, advice and responses."""

from datetime import date, timedelta

import factory
from factory.django import DjangoModelFactory

from advisories.models import (
    Addressee,
    Advice,
    AdviceAttachment,
    AdviceComment,
    AdviceCorrection,
    AdviceKind,
    AdviceRequest,
    AdviceRequestDocument,
    AdviceSection,
    AdviceStatus,
    AdvisoryCouncil,
    MemberRole,
    Membership,
    Question,
    Recommendation,
    Response,
    Verdict,
)
from testdata.factories import StaffUserFactory, UserFactory, dutch, numbered
from testdata.neighbourhoods import MunicipalityFactory
from testdata.policy import FrameworkVersionFactory

# A tiny but well-formed PDF, for attachments and documents.
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


class AdvisoryCouncilFactory(DjangoModelFactory):
    class Meta:
        model = AdvisoryCouncil

    municipality = factory.SubFactory(MunicipalityFactory)
    name = factory.Sequence(lambda n: f"Adviesraad Sociaal Domein {n}")
    short_name = "ASD"
    slug = factory.Sequence(lambda n: f"adviesraad-{n}")
    email = factory.Sequence(lambda n: f"adviesraad{n}@example.nl")
    municipality_contact_email = "college@example.nl"


class MembershipFactory(DjangoModelFactory):
    class Meta:
        model = Membership

    council = factory.SubFactory(AdvisoryCouncilFactory)
    user = factory.SubFactory(UserFactory)
    role = MemberRole.MEMBER
    starts_on = date(2022, 1, 1)

    class Params:
        chair = factory.Trait(role=MemberRole.CHAIR)
        secretary = factory.Trait(role=MemberRole.SECRETARY)
        former = factory.Trait(ends_on=date(2023, 12, 31))


class AdviceRequestFactory(DjangoModelFactory):
    """A request about a framework version of the council's own municipality."""

    class Meta:
        model = AdviceRequest

    council = factory.SubFactory(AdvisoryCouncilFactory)
    subject = factory.Sequence(lambda n: f"Adviesaanvraag beleidskader welzijn {n}")
    framework_version = factory.SubFactory(
        FrameworkVersionFactory,
        framework__municipality=factory.SelfAttribute("...council.municipality"),
    )
    description = dutch("paragraph")
    received_on = date(2021, 1, 18)
    deadline = factory.LazyAttribute(
        lambda request: request.received_on + timedelta(weeks=6)
    )


class AdviceRequestDocumentFactory(DjangoModelFactory):
    class Meta:
        model = AdviceRequestDocument

    request = factory.SubFactory(AdviceRequestFactory)
    title = "Herzien beleidskader"
    received_on = factory.SelfAttribute("request.received_on")
    file = factory.django.FileField(filename="beleidskader.pdf", data=PDF)


class AdviceFactory(DjangoModelFactory):
    """A requested advice in draft; traits `unsolicited` and `sent` change that."""

    class Meta:
        model = Advice

    council = factory.SubFactory(AdvisoryCouncilFactory)
    kind = AdviceKind.REQUESTED
    request = factory.SubFactory(
        AdviceRequestFactory, council=factory.SelfAttribute("..council")
    )
    title = factory.Sequence(lambda n: f"Advies over het beleidskader welzijn {n}")
    slug = factory.Sequence(lambda n: f"advies-{n}")
    addressee = Addressee.COLLEGE
    summary = dutch("paragraph")

    class Params:
        unsolicited = factory.Trait(kind=AdviceKind.UNSOLICITED, request=None)
        sent = factory.Trait(
            status=AdviceStatus.SENT,
            dated=date(2021, 2, 26),
            sent_on=date(2021, 2, 26),
            signed_by="De voorzitter van de adviesraad",
            response_due_on=date(2021, 4, 9),
        )


class AdviceSectionFactory(DjangoModelFactory):
    class Meta:
        model = AdviceSection

    advice = factory.SubFactory(AdviceFactory)
    position = numbered()
    heading = factory.Sequence(lambda n: f"Inleiding {n}")
    body = dutch("paragraph")


class RecommendationFactory(DjangoModelFactory):
    class Meta:
        model = Recommendation

    advice = factory.SubFactory(AdviceFactory)
    number = numbered()
    text = factory.Sequence(
        lambda n: f"De ASD adviseert om bewoners te betrekken bij punt {n}."
    )


class QuestionFactory(DjangoModelFactory):
    class Meta:
        model = Question

    advice = factory.SubFactory(AdviceFactory)
    number = numbered()
    text = factory.Sequence(lambda n: f"Hoe meet de gemeente het effect van punt {n}?")


class AdviceAttachmentFactory(DjangoModelFactory):
    class Meta:
        model = AdviceAttachment

    advice = factory.SubFactory(AdviceFactory)
    title = "Bijlage bij het advies"
    file = factory.django.FileField(filename="bijlage.pdf", data=PDF)
    uploaded_by = factory.SubFactory(UserFactory)


class AdviceCommentFactory(DjangoModelFactory):
    class Meta:
        model = AdviceComment

    advice = factory.SubFactory(AdviceFactory, status=AdviceStatus.SUBMITTED)
    author = factory.SubFactory(UserFactory)
    body = dutch("paragraph")


class ResponseFactory(DjangoModelFactory):
    """The municipality's answer to a recommendation of a sent advice."""

    class Meta:
        model = Response

    recommendation = factory.SubFactory(RecommendationFactory, advice__sent=True)
    verdict = Verdict.ADOPTED
    reasons = dutch("paragraph")
    responded_on = date(2021, 3, 30)
    recorded_by = factory.SubFactory(StaffUserFactory)

    class Params:
        partly = factory.Trait(verdict=Verdict.PARTLY)
        not_adopted = factory.Trait(verdict=Verdict.NOT_ADOPTED)


class AdviceCorrectionFactory(DjangoModelFactory):
    class Meta:
        model = AdviceCorrection

    advice = factory.SubFactory(AdviceFactory, sent=True)
    body = dutch("paragraph")
    made_by = factory.SubFactory(UserFactory)
    made_on = date(2021, 3, 1)
