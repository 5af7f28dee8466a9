"""Views of the member portal and of the public archive."""

from .archive import (
    AdviceArchiveDetailView,
    AdviceArchiveView,
    AdviceFeed,
    PublicAttachmentDownloadView,
)
from .portal_advice import (
    AdviceCreateView,
    AdviceDetailView,
    AdviceTransitionView,
    AdviceUpdateView,
    AttachmentDownloadView,
)
from .portal_login import (
    PortalLoginView,
    PortalLogoutView,
    PortalPasswordResetCompleteView,
    PortalPasswordResetConfirmView,
    PortalPasswordResetDoneView,
    PortalPasswordResetView,
)
from .portal_requests import (
    DashboardView,
    RequestDetailView,
    RequestDocumentDownloadView,
    RequestListView,
)

__all__ = [
    "AdviceArchiveDetailView",
    "AdviceArchiveView",
    "AdviceCreateView",
    "AdviceDetailView",
    "AdviceFeed",
    "AdviceTransitionView",
    "AdviceUpdateView",
    "AttachmentDownloadView",
    "DashboardView",
    "PortalLoginView",
    "PortalLogoutView",
    "PortalPasswordResetCompleteView",
    "PortalPasswordResetConfirmView",
    "PortalPasswordResetDoneView",
    "PortalPasswordResetView",
    "PublicAttachmentDownloadView",
    "RequestDetailView",
    "RequestDocumentDownloadView",
    "RequestListView",
]
