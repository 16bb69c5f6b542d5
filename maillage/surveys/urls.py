"""URLs of the surveys app (under /enquetes/)."""

from django.urls import path

from . import views

app_name = "surveys"

urlpatterns = [
    path("", views.campaign_list, name="campaigns"),
    path("nouvelle/", views.campaign_create, name="campaign_create"),
    path("<int:pk>/", views.campaign_dashboard, name="campaign"),
    path("<int:pk>/action/", views.campaign_action, name="campaign_action"),
    path("<int:pk>/reponses.<str:fmt>", views.campaign_export, name="campaign_export"),
    path("<int:pk>/comparer/", views.wave_comparison, name="compare"),
    path("<int:pk>/litiges/<int:outcome_id>/", views.settle_dispute, name="settle"),
    path("r/<str:token>/", views.answer, name="answer"),
    path("desinscription/<str:token>/", views.opt_out, name="opt_out"),
]
