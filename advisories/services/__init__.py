"""Writes of the advisory council, by topic: ``requests``, ``drafts``, the
``workflow`` from submitted to sent, ``responses`` and publishing, and ``indexing``.

Every state change checks who makes it and from which status, and raises a
ValidationError with one of the messages in ``refusals`` (the tests import them).
"""

from .drafts import (
    AdviceContent,
    advice_attach,
    advice_create,
    advice_detach,
    advice_save_draft,
)
from .indexing import (
    advice_index,
)
from .refusals import (
    NO_COMMENTS_NOW,
    NO_COUNCIL,
    NO_MUNICIPALITY_ADDRESS,
    NO_RECOMMENDATIONS,
    NO_TITLE,
    NOT_ADOPTED,
    NOT_ANSWERED,
    NOT_AUTHOR,
    NOT_CHAIR,
    NOT_DRAFT,
    NOT_MEMBER,
    NOT_SENT,
    NOT_SUBMITTED,
    REQUEST_OF_OTHER_COUNCIL,
)
from .requests import (
    advice_request_announce,
    advice_request_send_reminders,
    advice_request_send_version,
)
from .responses import (
    advice_publish,
    advice_responses_changed,
    response_record,
)
from .workflow import (
    advice_adopt,
    advice_comment,
    advice_correct,
    advice_return_to_author,
    advice_send,
    advice_submit,
)

__all__ = [
    "NO_COUNCIL",
    "NOT_AUTHOR",
    "NOT_CHAIR",
    "NOT_MEMBER",
    "NOT_DRAFT",
    "NOT_SUBMITTED",
    "NOT_ADOPTED",
    "NOT_SENT",
    "NOT_ANSWERED",
    "NO_TITLE",
    "NO_RECOMMENDATIONS",
    "NO_COMMENTS_NOW",
    "REQUEST_OF_OTHER_COUNCIL",
    "NO_MUNICIPALITY_ADDRESS",
    "advice_request_send_version",
    "advice_request_announce",
    "advice_request_send_reminders",
    "AdviceContent",
    "advice_create",
    "advice_save_draft",
    "advice_attach",
    "advice_detach",
    "advice_submit",
    "advice_return_to_author",
    "advice_comment",
    "advice_adopt",
    "advice_send",
    "advice_correct",
    "response_record",
    "advice_responses_changed",
    "advice_publish",
    "advice_index",
]
