"""URLs of the core app: home and legal pages."""

from django.urls import path

from . import views

app_name = "core"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("accessibilite/", views.LegalPageView.as_view(template_name="core/accessibility.html"), name="accessibility"),
    path("mentions-legales/", views.LegalPageView.as_view(template_name="core/legal_notice.html"), name="legal_notice"),
    path("donnees-personnelles/", views.LegalPageView.as_view(template_name="core/privacy.html"), name="privacy"),
]
