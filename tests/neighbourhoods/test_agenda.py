"""The social agenda against the social map: white spots and overlaps."""

from datetime import date

import pytest
from django.template import Context, Template
from django.utils import translation

from neighbourhoods.models import SocialAgendaStatus, TargetGroup, Theme
from neighbourhoods.social_agenda import gap_analysis
from testdata.neighbourhoods import (
    ActivityFactory,
    FacilityFactory,
    NeighbourhoodFactory,
    SocialAgendaItemFactory,
    TargetGroupFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.django_db

TODAY = date(2030, 1, 15)


@pytest.fixture
def hand_made():
    """Kruiskamp: demand for lonely seniors and young volunteers; supply elsewhere.

    Cells (target group × theme):
    - senioren × ontmoeting: demand (2 items), one activity -> covered
    - senioren × mantelzorg: demand, no activity -> white spot
    - jongeren × vrijwillige inzet: demand, only an ended activity -> white spot
    - jongeren × ontmoeting: no demand, 2 activities -> overlap
    - mantelzorgers × mantelzorg: no demand, 1 activity -> nothing
    """
    neighbourhood = NeighbourhoodFactory(name="Kruiskamp")
    elsewhere = FacilityFactory()
    facility = FacilityFactory(
        neighbourhood=neighbourhood, municipality=neighbourhood.municipality
    )
    seniors = TargetGroupFactory(name="Senioren", slug="senioren")
    young = TargetGroupFactory(name="Jongeren", slug="jongeren")
    carers = TargetGroupFactory(name="Mantelzorgers", slug="mantelzorgers")
    meeting = ThemeFactory(name="Ontmoeting", slug="ontmoeting")
    care = ThemeFactory(name="Mantelzorg", slug="mantelzorg")
    volunteering = ThemeFactory(name="Vrijwillige inzet", slug="vrijwillige-inzet")

    def item(title, groups, themes, status=SocialAgendaStatus.OPEN):
        made = SocialAgendaItemFactory(
            neighbourhood=neighbourhood, title=title, status=status
        )
        made.target_groups.set(groups)
        made.themes.set(themes)
        return made

    def activity(title, groups, themes, **kwargs):
        kwargs.setdefault("facility", facility)
        made = ActivityFactory(title=title, **kwargs)
        made.target_groups.set(groups)
        made.themes.set(themes)
        return made

    items = {
        "lonely": item("Eenzame ouderen", [seniors], [meeting, care]),
        "meet": item("Ontmoetingsplek ouderen", [seniors], [meeting]),
        "young": item("Jongeren willen helpen", [young], [volunteering]),
        "closed": item("Afgesloten", [carers], [meeting], SocialAgendaStatus.CLOSED),
    }
    activity("Koffieochtend", [seniors], [meeting])
    activity("Klusjesdienst", [young], [volunteering], ends_on=date(2029, 12, 31))
    activity("Jongerensoos", [young], [meeting])
    activity("Straatvoetbal", [young], [meeting])
    activity("Lotgenotengroep", [carers], [care])
    activity("Elders", [seniors], [care], facility=elsewhere)
    activity("Concept", [seniors], [care], is_published=False)
    return neighbourhood, items


def cells(found):
    return [(c.target_group.name, c.theme.name) for c in found]


def test_white_spots_and_overlaps_of_a_hand_made_neighbourhood(hand_made):
    neighbourhood, items = hand_made

    analysis = gap_analysis(neighbourhood=neighbourhood, today=TODAY)

    assert cells(analysis.white_spots) == [
        ("Jongeren", "Vrijwillige inzet"),
        ("Senioren", "Mantelzorg"),
    ]
    assert [i.title for i in analysis.white_spots[1].items] == ["Eenzame ouderen"]
    assert cells(analysis.overlaps) == [("Jongeren", "Ontmoeting")]
    assert [a.title for a in analysis.overlaps[0].activities] == [
        "Jongerensoos",
        "Straatvoetbal",
    ]
    covered = analysis.cell(
        analysis.target_groups[2], analysis.themes[1]
    )  # Senioren × Ontmoeting
    assert (covered.target_group.name, covered.theme.name) == ("Senioren", "Ontmoeting")
    assert len(covered.items) == 2 and len(covered.activities) == 1
    assert not covered.is_white_spot and not covered.is_overlap
    assert "Afgesloten" not in [i.title for i in analysis.items]


def test_the_matrix_has_a_row_per_target_group_and_a_cell_per_theme(hand_made):
    neighbourhood, _items = hand_made

    analysis = gap_analysis(neighbourhood=neighbourhood, today=TODAY)

    assert [group.name for group, _cells in analysis.matrix] == [
        "Jongeren",
        "Mantelzorgers",
        "Senioren",
    ]
    assert [t.name for t in analysis.themes] == [
        "Mantelzorg",
        "Ontmoeting",
        "Vrijwillige inzet",
    ]
    assert all(len(row) == 3 for _group, row in analysis.matrix)


def test_the_analysis_costs_a_fixed_number_of_queries(
    hand_made, django_assert_max_num_queries
):
    neighbourhood, _items = hand_made
    for _number in range(10):
        extra = SocialAgendaItemFactory(neighbourhood=neighbourhood)
        extra.target_groups.set([TargetGroupFactory()])
        extra.themes.set([ThemeFactory()])

    with django_assert_max_num_queries(4):
        analysis = gap_analysis(neighbourhood=neighbourhood, today=TODAY)
        _ = analysis.matrix, analysis.white_spots, analysis.overlaps

    assert len(analysis.white_spots) == 12


def test_the_public_agenda_links_each_gap_to_its_items(hand_made):
    neighbourhood, items = hand_made

    html = Template(
        "{% load neighbourhood_figures %}{% social_agenda neighbourhood %}"
    ).render(Context({"neighbourhood": neighbourhood}))

    assert f'href="#agendapunt-{items["lonely"].pk}"' in html
    assert f'id="agendapunt-{items["lonely"].pk}"' in html
    assert 'href="#cel-senioren-mantelzorg"' in html
    assert 'id="cel-jongeren-ontmoeting"' in html
    assert "Witte vlekken" in html


def test_an_overlap_names_its_first_activities_and_links_to_them_all(hand_made):
    neighbourhood, _items = hand_made
    facility = neighbourhood.facilities.get()
    young = TargetGroup.objects.get(slug="jongeren")
    meeting = Theme.objects.get(slug="ontmoeting")
    for title in ("Gamen", "Muziekstudio", "Huiswerkklas"):
        made = ActivityFactory(title=title, facility=facility)
        made.target_groups.set([young])
        made.themes.set([meeting])

    html = Template(
        "{% load neighbourhood_figures %}{% social_agenda neighbourhood %}"
    ).render(Context({"neighbourhood": neighbourhood}))

    # Five activities, by title: the first three are named, the rest counted.
    assert "(Gamen, Huiswerkklas, Jongerensoos en 2 andere)" in html
    assert "Straatvoetbal" not in html
    assert (
        f'href="/activiteiten/?wijk={neighbourhood.slug}&amp;doelgroep=jongeren'
        '&amp;thema=ontmoeting">5 activiteiten</a>'
    ) in html
    with translation.override("en"):
        english = Template(
            "{% load neighbourhood_figures %}{% social_agenda neighbourhood %}"
        ).render(Context({"neighbourhood": neighbourhood}))
    assert "(Gamen, Huiswerkklas, Jongerensoos and 2 more)" in english
