"""The advisory council: members, requests, advice, recommendations, responses."""

from core.history import track_history

from .advice import (
    SENT_STATUSES,
    Addressee,
    Advice,
    AdviceAttachment,
    AdviceComment,
    AdviceCorrection,
    AdviceKind,
    AdviceSection,
    AdviceStatus,
    Question,
    Recommendation,
)
from .council import AdvisoryCouncil, MemberRole, Membership
from .requests import AdviceRequest, AdviceRequestDocument
from .responses import Response, Verdict
from .search import AdviceTerm

# Every table people edit keeps a trigger-written history (core/history.py).
track_history(
    AdvisoryCouncil,
    Membership,
    AdviceRequest,
    AdviceRequestDocument,
    Advice,
    AdviceSection,
    Recommendation,
    Question,
    AdviceAttachment,
    AdviceComment,
    AdviceCorrection,
    Response,
)

__all__ = [
    "SENT_STATUSES",
    "Addressee",
    "Advice",
    "AdviceAttachment",
    "AdviceComment",
    "AdviceCorrection",
    "AdviceKind",
    "AdviceRequest",
    "AdviceRequestDocument",
    "AdviceSection",
    "AdviceStatus",
    "AdviceTerm",
    "AdvisoryCouncil",
    "MemberRole",
    "Membership",
    "Question",
    "Recommendation",
    "Response",
    "Verdict",
]
