"""URLs of the contributions app (French paths)."""

from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from . import views

app_name = "contributions"

urlpatterns = [
    path("proposer/", views.propose_actor, name="propose_actor"),
    path("acteur/<slug:slug>/modifier/", views.propose_change, name="propose_change"),
    path("acteur/<slug:slug>/signaler/", views.report_actor, name="report"),
    path("acteur/<slug:slug>/revendiquer/", views.claim_actor, name="claim"),
    path("acteur/<slug:slug>/relation/", views.propose_relation, name="propose_relation"),
    path("acteur/<slug:slug>/fin-de-relation/", views.end_relation, name="end_relation"),
    path("acteur/<slug:slug>/historique/", views.actor_history, name="history"),
    path("acteur/<slug:slug>/revenir/<int:version>/", views.revert, name="revert"),
    path("acteur/<slug:slug>/confirmer/", views.confirm_fresh_direct, name="confirm_fresh_direct"),
    path("objet/<slug:subject>/proposer/", views.propose_subject, name="propose_subject"),
    path("objet/<slug:subject>/<slug:slug>/modifier/", views.propose_subject_change, name="propose_subject_change"),
    path("objet/<slug:subject>/<slug:slug>/historique/", views.subject_history, name="subject_history"),
    path("objet/<slug:subject>/<slug:slug>/revenir/<int:version>/", views.revert_subject, name="revert_subject"),
    path("a-jour/<str:token>/", views.confirm_fresh, name="confirm_fresh"),
    path("verifiez-vos-courriels/", views.check_email, name="check_email"),
    path("confirmer/<str:token>/", views.confirm_email, name="confirm_email"),
    path("suivi/<str:token>/", views.proposal_status, name="status"),
    path("moderation/", views.queue, name="queue"),
    path("moderation/a-actualiser/", views.stale_list, name="stale_list"),
    path("moderation/<int:pk>/", views.moderate, name="moderate"),
    path("moderation/<int:pk>/annuler-contributeur/", views.undo_contributor, name="undo_contributor"),
    path("mes-contributions/", views.my_contributions, name="my_contributions"),
    path("inscription/", views.signup, name="signup"),
    path(
        "connexion/",
        auth_views.LoginView.as_view(
            template_name="contributions/login.html", next_page="contributions:my_contributions"
        ),
        name="login",
    ),
    path("deconnexion/", auth_views.LogoutView.as_view(), name="logout"),
    path("inscription/envoyee/", views.signup_sent, name="signup_sent"),
    path("compte/activer/<str:token>/", views.activate, name="activate"),
    path("mot-de-passe/oublie/", views.PasswordResetView.as_view(), name="password_reset"),
    path(
        "mot-de-passe/envoye/",
        auth_views.PasswordResetDoneView.as_view(template_name="contributions/password_reset_done.html"),
        name="password_reset_done",
    ),
    path(
        "mot-de-passe/nouveau/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(
            template_name="contributions/password_reset_confirm.html",
            success_url=reverse_lazy("contributions:password_reset_complete"),
        ),
        name="password_reset_confirm",
    ),
    path(
        "mot-de-passe/enregistre/",
        auth_views.PasswordResetCompleteView.as_view(template_name="contributions/password_reset_complete.html"),
        name="password_reset_complete",
    ),
]
