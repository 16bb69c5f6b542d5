"""URLs of the events app (French paths)."""

from django.urls import path

from . import views

app_name = "events"

urlpatterns = [
    path("", views.event_list, name="event_list"),
    path("parcours/<str:token>/", views.parcours, name="parcours"),
    path("parcours/<str:token>/badge/", views.parcours_badge, name="parcours_badge"),
    path("parcours/<str:token>/parcours.ics", views.parcours_ical, name="parcours_ical"),
    path("parcours/<str:token>/sessions/<int:session>/", views.sign_up, name="sign_up"),
    path("parcours/<str:token>/sessions/<int:session>/places/", views.seat_board, name="seat_board"),
    path("suivi/acteur/<slug:slug>/", views.actor_followup, name="actor_followup"),
    path("<slug:slug>/", views.programme, name="programme"),
    path("<slug:slug>/ateliers/", views.themes, name="themes"),
    path("<slug:slug>/intervenants/", views.speakers, name="speakers"),
    path("<slug:slug>/intervenants/<slug:speaker>/", views.speaker_redirect, name="speaker"),
    path("<slug:slug>/inscription/", views.register, name="register"),
    path("<slug:slug>/inscription/envoyee/", views.register_sent, name="register_sent"),
    path("<slug:slug>/places.json", views.seats, name="seats"),
    path("<slug:slug>/programme.ics", views.programme_ics, name="programme_ics"),
    path("<slug:slug>/schedule.xml", views.schedule_xml, name="schedule_xml"),
    path("<slug:slug>/schedule.json", views.schedule_json, name="schedule_json"),
    path("<slug:slug>/suivi/", views.followup, name="followup"),
    path("<slug:slug>/organisation/", views.organiser, name="organiser"),
    path("<slug:slug>/organisation/imposer/", views.pin, name="pin"),
    path("<slug:slug>/organisation/ateliers/<int:pk>/", views.edit_workshop, name="edit_workshop"),
    path("<slug:slug>/organisation/creneaux/<int:pk>/", views.edit_slot, name="edit_slot"),
    path("<slug:slug>/organisation/propositions/nouvelle/", views.proposal_edit, name="proposal_new"),
    path("<slug:slug>/organisation/propositions/<int:pk>/", views.proposal_edit, name="proposal_edit"),
]
