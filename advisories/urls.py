from django.urls import path

from core.public_pages import public_page

from . import views
from .forms import ArchiveFilterForm

app_name = "advisories"

portal = [
    path("portaal/", views.DashboardView.as_view(), name="portal-dashboard"),
    path("portaal/inloggen/", views.PortalLoginView.as_view(), name="portal-login"),
    path("portaal/uitloggen/", views.PortalLogoutView.as_view(), name="portal-logout"),
    path(
        "portaal/wachtwoord-vergeten/",
        views.PortalPasswordResetView.as_view(),
        name="portal-password-reset",
    ),
    path(
        "portaal/wachtwoord-vergeten/verstuurd/",
        views.PortalPasswordResetDoneView.as_view(),
        name="portal-password-reset-done",
    ),
    path(
        "portaal/wachtwoord-herstellen/<uidb64>/<token>/",
        views.PortalPasswordResetConfirmView.as_view(),
        name="portal-password-reset-confirm",
    ),
    path(
        "portaal/wachtwoord-herstellen/klaar/",
        views.PortalPasswordResetCompleteView.as_view(),
        name="portal-password-reset-complete",
    ),
    path(
        "portaal/aanvragen/",
        views.RequestListView.as_view(),
        name="portal-request-list",
    ),
    path(
        "portaal/aanvragen/<int:pk>/",
        views.RequestDetailView.as_view(),
        name="portal-request-detail",
    ),
    path(
        "portaal/aanvragen/<int:pk>/documenten/<int:document_pk>/",
        views.RequestDocumentDownloadView.as_view(),
        name="portal-request-document",
    ),
    path(
        "portaal/adviezen/nieuw/",
        views.AdviceCreateView.as_view(),
        name="portal-advice-create",
    ),
    path(
        "portaal/adviezen/<int:pk>/",
        views.AdviceDetailView.as_view(),
        name="portal-advice-detail",
    ),
    path(
        "portaal/adviezen/<int:pk>/bewerken/",
        views.AdviceUpdateView.as_view(),
        name="portal-advice-edit",
    ),
    path(
        "portaal/adviezen/<int:pk>/bijlagen/<int:attachment_pk>/",
        views.AttachmentDownloadView.as_view(),
        name="portal-attachment",
    ),
    path(
        "portaal/adviezen/<int:pk>/<slug:step>/",
        views.AdviceTransitionView.as_view(),
        name="portal-advice-step",
    ),
]

archive = [
    path(
        "adviezen/",
        public_page(
            views.AdviceArchiveView.as_view(),
            query=(*ArchiveFilterForm.base_fields, "pagina"),
        ),
        name="advice-list",
    ),
    path("adviezen/feed/", public_page(views.AdviceFeed()), name="advice-feed"),
    path(
        "adviezen/<slug:slug>/",
        public_page(views.AdviceArchiveDetailView.as_view()),
        name="advice-detail",
    ),
    path(
        "adviezen/<slug:slug>/afdrukken/",
        public_page(views.AdviceArchiveDetailView.as_view(printable=True)),
        name="advice-print",
    ),
    path(
        "adviezen/<slug:slug>/bijlagen/<int:attachment_pk>/",
        views.PublicAttachmentDownloadView.as_view(),
        name="advice-attachment",
    ),
]

urlpatterns = portal + archive
