"""Keeping an advice's full-text search vector in step with its content."""

from django.contrib.postgres.aggregates import StringAgg
from django.contrib.postgres.search import SearchVector
from django.db.models import TextField, Value
from django.db.models.functions import Coalesce

from ..models import (
    Advice,
)


def advice_index(*, advice: Advice) -> None:
    """Rebuild the Dutch full-text index of one advice from its words."""
    nothing = Value("", output_field=TextField())
    words = Advice.objects.filter(pk=advice.pk).annotate(
        recommendation_text=Coalesce(
            StringAgg("recommendations__text", " ", distinct=True), nothing
        ),
        section_text=Coalesce(StringAgg("sections__body", " ", distinct=True), nothing),
        heading_text=Coalesce(
            StringAgg("sections__heading", " ", distinct=True), nothing
        ),
    )
    row = words.values("recommendation_text", "section_text", "heading_text").get()
    vector = (
        SearchVector("title", weight="A", config="dutch")
        + SearchVector("summary", weight="B", config="dutch")
        + SearchVector(
            Value(row["recommendation_text"], output_field=TextField()),
            weight="B",
            config="dutch",
        )
        + SearchVector(
            Value(row["heading_text"], output_field=TextField()),
            weight="C",
            config="dutch",
        )
        + SearchVector(
            Value(row["section_text"], output_field=TextField()),
            weight="D",
            config="dutch",
        )
    )
    Advice.objects.filter(pk=advice.pk).update(search_vector=vector)
