"""Keys that let a search of one word find its best rows without ranking every match.

For a query of one word, PostgreSQL's `ts_rank(search_vector, word)` depends only on
the weights of that word's occurrences in the row (A: name or title, B: text, C and D:
address or cost), in the order they occur. Two consequences:

- Where the word occurs once, the rank is set by that one weight: every row with the
  word once in its text ranks exactly the same, and a row with the word once in its
  title outranks every row without it in the title (ts_rank's weights 1.0, 0.4,
  0.2, 0.1 make each weight's single occurrence outrank everything of lower weight,
  whatever their number).
- A row with the word more than once ranks at least as high as the word once with
  its best weight.

So the best `limit` rows for a common word are among: the rows with the word more
than once (ranked one by one), and, per weight, the first `limit` rows by id of those
with the word once with that weight (all tied). `welzijn_search_keys(search_vector)`
(migration neighbourhoods 0007) gives one key per word of a row: '+' and the word
when it occurs more than once, else its weight and the word ('Bmantelzorger'); a GIN
index on it finds each group, and `search.ranked()` ranks only those rows.
"""

from functools import cache

from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.db.models import F, Func, Model, TextField

FUNCTION = "welzijn_search_keys"
# The key of a word that occurs more than once, and of one occurrence per weight.
REPEATED = "+"
WEIGHTS = ("A", "B", "C", "D")


def search_keys(field: str = "search_vector") -> Func:
    """The keys of a row's search vector, as an expression (text[])."""
    return Func(F(field), function=FUNCTION, output_field=ArrayField(TextField()))


def search_keys_index(name: str) -> GinIndex:
    """The GIN index that finds the rows of one key."""
    return GinIndex(search_keys(), name=name)


@cache
def has_search_keys_index(model: type[Model]) -> bool:
    """Whether the model's table has that index: without it, keys are no help."""
    return any(
        isinstance(index, GinIndex)
        and any(
            getattr(expression, "extra", {}).get("function") == FUNCTION
            for expression in index.expressions
        )
        for index in model._meta.indexes
    )
