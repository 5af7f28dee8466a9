"""Optimistic locking for policy rows: the mechanism lives in core.concurrency.

Policy models keep their bases as they are: ``Versioned`` here adds the cheap
choice labels every policy model has.
"""

from core.choices import ChoiceLabelsMixin
from core.concurrency import CONFLICT, ConcurrentEditError
from core.concurrency import Versioned as CoreVersioned


class Versioned(ChoiceLabelsMixin, CoreVersioned):
    class Meta:
        abstract = True


__all__ = ["CONFLICT", "ConcurrentEditError", "Versioned"]
