"""URLs of the events app (French paths)."""

from django.urls import path

from . import organiser_views, views

app_name = "events"

urlpatterns = [
    path("", views.event_list, name="event_list"),
    path("organisation/", organiser_views.organiser_home, name="organiser_home"),
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
    # Organisers' pages (organiser permission on the event, see organiser_views.organiser_required).
    path("<slug:slug>/organisation/", organiser_views.organiser, name="organiser"),
    path("<slug:slug>/organisation/imposer/", organiser_views.pin, name="pin"),
    path("<slug:slug>/organisation/ateliers/<int:pk>/", organiser_views.edit_workshop, name="edit_workshop"),
    path("<slug:slug>/organisation/creneaux/<int:pk>/", organiser_views.edit_slot, name="edit_slot"),
    path("<slug:slug>/organisation/propositions/nouvelle/", organiser_views.proposal_edit, name="proposal_new"),
    path("<slug:slug>/organisation/propositions/<int:pk>/", organiser_views.proposal_edit, name="proposal_edit"),
    path("<slug:slug>/organisation/inscriptions/", organiser_views.registrations, name="registrations"),
    path("<slug:slug>/organisation/participants/", organiser_views.attendee_lists, name="attendee_lists"),
    path(
        "<slug:slug>/organisation/participants/<int:pk>/",
        organiser_views.workshop_attendees,
        name="workshop_attendees",
    ),
    path(
        "<slug:slug>/organisation/participants/<int:pk>/participants.csv",
        organiser_views.workshop_attendees_export,
        {"fmt": "csv"},
        name="workshop_attendees_csv",
    ),
    path(
        "<slug:slug>/organisation/participants/<int:pk>/participants.xlsx",
        organiser_views.workshop_attendees_export,
        {"fmt": "xlsx"},
        name="workshop_attendees_xlsx",
    ),
    path("<slug:slug>/organisation/emargement/<int:session>/", organiser_views.checkin, name="checkin"),
    path(
        "<slug:slug>/organisation/emargement/presence/<int:pk>/",
        organiser_views.checkin_toggle,
        name="checkin_toggle",
    ),
    path("<slug:slug>/organisation/equipe/", organiser_views.team, name="team"),
    path("<slug:slug>/organisation/equipe/<int:pk>/retirer/", organiser_views.team_remove, name="team_remove"),
]
