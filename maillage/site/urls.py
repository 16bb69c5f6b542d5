"""URLs of the site layer: home and legal pages."""

from django.urls import path

from . import views

app_name = "site"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("accessibilite/", views.LegalPageView.as_view(template_name="site/accessibility.html"), name="accessibility"),
    path("mentions-legales/", views.LegalPageView.as_view(template_name="site/legal_notice.html"), name="legal_notice"),
    path("donnees-personnelles/", views.PrivacyPageView.as_view(), name="privacy"),
]
