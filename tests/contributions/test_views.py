"""Public pages: propose, confirm, follow; abuse guards; hostile input; the moderation pages; the panel."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.test import RequestFactory

from maillage.contributions import services
from maillage.contributions.models import Proposal, Revision
from maillage.contributions.panels import actor_panel
from maillage.contributions.snapshots import actor_snapshot
from maillage.directory.models import Actor
from tests.directory.factories import ActorFactory

pytestmark = pytest.mark.django_db

HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def form_data(actor=None, **overrides):
    """A complete actor form: the actor's current values, or a minimal new actor."""
    base = {
        "name": "Lab des Dômes",
        "primary_type": "lab",
        "legal_status": "collectivite",
        "scope": "local",
        "lifecycle": "active",
        "commune": "63113",
        "email": "visiteur@exemple.invalid",
    }
    if actor is not None:
        snap = actor_snapshot(actor)
        base.update({k: v for k, v in snap.items() if isinstance(v, str)})
        base["commune"] = snap["commune"] or ""
    base.update(overrides)
    return {k: v for k, v in base.items() if v is not None}


def confirm_link(message):
    return re.search(r"https?://[^/\s]+(/contributions/confirmer/\S+)", message.body).group(1)


def test_propose_actor_page_renders(client, db):
    response = client.get("/contributions/proposer/")
    assert response.status_code == 200
    assert "Proposer un nouvel acteur" in response.content.decode()


def test_anonymous_change_is_queued_only_after_confirmation(client, actor):
    response = client.post(f"/contributions/acteur/{actor.slug}/modifier/", form_data(actor, name="Labo 63 bis"))
    assert response.status_code == 302
    proposal = Proposal.objects.get()
    assert proposal.status == "unconfirmed"
    status_page = client.get(confirm_link(mail.outbox[0]), follow=True)
    proposal.refresh_from_db()
    assert proposal.status == "pending"
    assert "En attente de modération" in status_page.content.decode()


def test_change_form_is_prefilled_with_current_values(client, actor):
    actor.missions = "Accompagner les services"
    actor.save()
    page = client.get(f"/contributions/acteur/{actor.slug}/modifier/").content.decode()
    assert 'value="Labo 63"' in page
    assert "Accompagner les services" in page


def test_unchanged_form_is_refused_with_a_message(client, actor):
    response = client.post(f"/contributions/acteur/{actor.slug}/modifier/", form_data(actor))
    assert response.status_code == 400
    assert "aucun champ" in response.content.decode()
    assert not Proposal.objects.exists()


def test_signed_in_contributor_skips_email_confirmation(client, actor, contributor):
    client.force_login(contributor)
    data = form_data(actor, name="Labo 63 bis")
    data.pop("email")
    response = client.post(f"/contributions/acteur/{actor.slug}/modifier/", data)
    assert response.status_code == 302
    assert Proposal.objects.get().status == "pending"
    assert "/contributions/suivi/" in response["Location"]


def test_my_contributions_lists_status(client, actor, contributor):
    services.create_proposal(kind="report", user=contributor, actor=actor, report_reason="wrong", message="Faux")
    client.force_login(contributor)
    page = client.get("/contributions/mes-contributions/").content.decode()
    assert "Signalement" in page
    assert "En attente de modération" in page


def test_report_needs_a_reason_and_a_message(client, actor):
    response = client.post(f"/contributions/acteur/{actor.slug}/signaler/", {"email": "a@exemple.invalid"})
    assert response.status_code == 400
    assert not Proposal.objects.exists()


def test_report_is_recorded(client, actor):
    client.post(
        f"/contributions/acteur/{actor.slug}/signaler/",
        {"reason": "duplicate", "message": "Même acteur que Labo 63 bis", "email": "a@exemple.invalid"},
    )
    assert Proposal.objects.get().report_reason == "duplicate"


def test_honeypot_refuses_with_an_explanation(client, actor):
    data = form_data(actor, name="Labo 63 bis", contact_url="http://spam.example/")
    response = client.post(f"/contributions/acteur/{actor.slug}/modifier/", data)
    assert response.status_code == 400
    assert "robots" in response.content.decode()
    assert not Proposal.objects.exists()


def test_rate_limit_per_email(client, actor, settings):
    settings.CONTRIBUTIONS_RATE_LIMIT_PER_EMAIL = (2, 3600)
    statuses = [
        client.post(f"/contributions/acteur/{actor.slug}/modifier/", form_data(actor, name=f"Nom {i}")).status_code
        for i in range(3)
    ]
    assert statuses == [302, 302, 429]
    assert Proposal.objects.count() == 2


def test_rate_limit_per_ip_across_emails(client, actor, settings):
    settings.CONTRIBUTIONS_RATE_LIMIT_PER_IP = (2, 3600)
    statuses = [
        client.post(
            f"/contributions/acteur/{actor.slug}/modifier/",
            form_data(actor, name=f"Nom {i}", email=f"p{i}@exemple.invalid"),
        ).status_code
        for i in range(3)
    ]
    assert statuses == [302, 302, 429]
    assert (
        "Trop de propositions"
        in client.post(
            f"/contributions/acteur/{actor.slug}/modifier/", form_data(actor, name="Nom x", email="q@exemple.invalid")
        ).content.decode()
    )


def test_rate_limit_does_not_apply_to_other_ips(client, actor, settings):
    settings.CONTRIBUTIONS_RATE_LIMIT_PER_IP = (1, 3600)
    url = f"/contributions/acteur/{actor.slug}/modifier/"
    first = client.post(url, form_data(actor, name="A", email="a@exemple.invalid"), REMOTE_ADDR="10.0.0.1")
    second = client.post(url, form_data(actor, name="B", email="b@exemple.invalid"), REMOTE_ADDR="10.0.0.2")
    assert (first.status_code, second.status_code) == (302, 302)


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("website", "javascript:alert(1)", "http:// ou https://"),
        ("website", "http://", "http:// ou https://"),
        ("name", "x" * 256, "255 caractères"),
        ("description", "y" * 5001, "5000 caractères"),
        ("commune", "Atlantide", "Commune introuvable"),
        ("founded_year", "99999", "inférieure ou égale à 2100"),
    ],
)
def test_bad_input_is_refused_in_french(client, actor, field, value, message):
    response = client.post(f"/contributions/acteur/{actor.slug}/modifier/", form_data(actor, **{field: value}))
    assert response.status_code == 400
    assert message in response.content.decode().replace("\u202f", " ").replace("\xa0", " ")
    assert not Proposal.objects.exists()


def test_hostile_text_is_stored_inert_and_rendered_escaped(client, actor, moderator, admin_user):
    client.post(
        f"/contributions/acteur/{actor.slug}/modifier/",
        form_data(actor, name="Labo " + HOSTILE, description=HOSTILE, message=HOSTILE),
    )
    proposal = Proposal.objects.get()
    services.confirm_email(proposal.pk, proposal.email)
    client.force_login(moderator)
    pages = [
        client.get("/contributions/moderation/").content.decode(),
        client.get(f"/contributions/moderation/{proposal.pk}/").content.decode(),
    ]
    services.accept(proposal.pk, moderator)
    actor.refresh_from_db()
    assert actor.description == HOSTILE  # stored as typed: plain text, never interpreted
    pages.append(client.get(f"/contributions/acteur/{actor.slug}/historique/").content.decode())
    pages.append(actor_panel(RequestFactory().get("/"), actor))
    pages.append(client.get(f"/acteurs/{actor.slug}/").content.decode())
    for page in pages:
        assert "<script>alert" not in page
        assert "<img src=x" not in page
    assert "&lt;script&gt;" in pages[1]


def test_safe_markdown_filter_strips_raw_html():
    from maillage.contributions.templatetags.contributions_tags import safe_markdown

    html = safe_markdown("**gras** " + HOSTILE + " [lien](javascript:alert(1))")
    assert "<strong>gras</strong>" in html
    assert "<script" not in html and "onerror" not in html and "javascript:" not in html


def test_new_actor_close_to_an_existing_one_asks_for_confirmation(client, clermont):
    ActorFactory(name="Laboratoire d'innovation publique du Puy-de-Dôme", commune=clermont)
    data = form_data(name="Laboratoire d’innovation publique du Puy de Dome")
    first = client.post("/contributions/proposer/", data)
    assert first.status_code == 200
    assert "Doublon probable" in first.content.decode()
    assert not Proposal.objects.exists()
    second = client.post("/contributions/proposer/", {**data, "confirm_not_duplicate": "on"})
    assert second.status_code == 302
    proposal = Proposal.objects.get()
    assert proposal.flags["duplicates"][0]["name"] == "Laboratoire d'innovation publique du Puy-de-Dôme"


def test_duplicate_flag_ignores_other_departements(client, clermont, bordeaux):
    ActorFactory(name="Lab des Dômes", commune=bordeaux)
    response = client.post("/contributions/proposer/", form_data(name="Lab des Domes"))
    assert response.status_code == 302
    assert Proposal.objects.get().flags == {}


def test_queue_filters_duplicates_and_conflicts(client, actor, moderator):
    services.create_proposal(
        kind="new_actor", user=moderator, payload={"name": "X", "commune": "63113"}, flags={"duplicates": [{}]}
    )
    stale = services.create_proposal(
        kind="change_actor", user=moderator, actor=actor, payload={**actor_snapshot(actor), "name": "Nom B"}
    )
    services.accept(
        services.create_proposal(
            kind="change_actor", user=moderator, actor=actor, payload={**actor_snapshot(actor), "name": "Nom A"}
        ).pk,
        moderator,
    )
    client.force_login(moderator)
    duplicates = client.get("/contributions/moderation/?alerte=doublon").context["page"].object_list
    conflicts = client.get("/contributions/moderation/?alerte=conflit").context["page"].object_list
    assert [p.kind for p in duplicates] == ["new_actor"]
    assert [p.pk for p in conflicts] == [stale.pk]


def test_moderation_page_shows_the_three_way_conflict_and_decides_per_field(client, actor, moderator):
    stale = services.create_proposal(
        kind="change_actor",
        user=moderator,
        actor=actor,
        payload={**actor_snapshot(actor), "name": "Nom B", "missions": "M"},
    )
    services.accept(
        services.create_proposal(
            kind="change_actor", user=moderator, actor=actor, payload={**actor_snapshot(actor), "name": "Nom A"}
        ).pk,
        moderator,
    )
    client.force_login(moderator)
    page = client.get(f"/contributions/moderation/{stale.pk}/").content.decode()
    assert "Comparaison à trois voies" in page and "conflit : à choisir" in page
    refused = client.post(
        f"/contributions/moderation/{stale.pk}/", {"action": "accept", "seen_version": 2}, follow=True
    )
    assert "choisissez la valeur" in refused.content.decode()
    client.post(
        f"/contributions/moderation/{stale.pk}/", {"action": "accept", "seen_version": 2, "choice_name": "proposed"}
    )
    actor.refresh_from_db()
    assert (actor.name, actor.missions) == ("Nom B", "M")


def test_reject_needs_a_message(client, actor, moderator):
    proposal = services.create_proposal(kind="report", user=moderator, actor=actor, report_reason="other", message="?")
    client.force_login(moderator)
    response = client.post(f"/contributions/moderation/{proposal.pk}/", {"action": "reject"})
    proposal.refresh_from_db()
    assert (response.status_code, proposal.status) == (400, "pending")


def test_second_decision_through_the_view_gets_a_clear_message(client, actor, moderator):
    proposal = services.create_proposal(kind="report", user=moderator, actor=actor, report_reason="other", message="?")
    services.reject(proposal.pk, moderator, "Non")
    client.force_login(moderator)
    response = client.post(
        f"/contributions/moderation/{proposal.pk}/", {"action": "accept", "decision_message": ""}, follow=True
    )
    assert "déjà traitée" in response.content.decode()


def test_revert_through_the_history_page(client, actor, moderator):
    services.accept(
        services.create_proposal(
            kind="change_actor", user=moderator, actor=actor, payload={**actor_snapshot(actor), "name": "Nom A"}
        ).pk,
        moderator,
    )
    client.force_login(moderator)
    page = client.get(f"/contributions/acteur/{actor.slug}/historique/").content.decode()
    assert "Revenir à la version 1" in page
    client.post(f"/contributions/acteur/{actor.slug}/revenir/1/")
    actor.refresh_from_db()
    assert (actor.name, actor.version) == ("Labo 63", 3)


def test_undo_contributor_page(client, actor, moderator):
    proposal = services.create_proposal(
        kind="change_actor",
        email="spam@exemple.invalid",
        actor=actor,
        payload={**actor_snapshot(actor), "name": "SPAM"},
    )
    services.confirm_email(proposal.pk, proposal.email)
    services.accept(proposal.pk, moderator)
    client.force_login(moderator)
    assert client.get(f"/contributions/moderation/{proposal.pk}/annuler-contributeur/").status_code == 200
    client.post(f"/contributions/moderation/{proposal.pk}/annuler-contributeur/")
    actor.refresh_from_db()
    assert actor.name == "Labo 63"
    assert Revision.objects.filter(actor=actor, kind="revert").exists()


def test_undo_contributor_page_is_not_reachable_for_another_territorys_proposal(client, actor, other_moderator):
    proposal = services.create_proposal(
        kind="change_actor",
        email="spam@exemple.invalid",
        actor=actor,
        payload={**actor_snapshot(actor), "name": "SPAM"},
    )
    client.force_login(other_moderator)
    url = f"/contributions/moderation/{proposal.pk}/annuler-contributeur/"
    assert client.get(url).status_code == 404
    assert client.post(url).status_code == 404
    proposal.refresh_from_db()
    assert proposal.status == "unconfirmed"


def test_panel_shows_links_flag_and_history(actor, moderator, settings):
    from django.utils import timezone

    services.accept(
        services.create_proposal(
            kind="change_actor", user=moderator, actor=actor, payload={**actor_snapshot(actor), "name": "Nom A"}
        ).pk,
        moderator,
    )
    Actor.objects.filter(pk=actor.pk).update(updated_at=timezone.now() - timezone.timedelta(days=800))
    actor.refresh_from_db()
    request = RequestFactory().get("/")
    request.user = moderator
    html = actor_panel(request, actor)
    for text in (
        "Proposer une modification",
        "Signaler",
        "Revendiquer cette fiche",
        "À actualiser",
        "Version 2",
        "Revenir à la version 1",
        "Nom A",
    ):
        assert text in html


def test_panel_for_a_visitor_has_no_revert_button(actor):
    from django.contrib.auth.models import AnonymousUser

    request = RequestFactory().get("/")
    request.user = AnonymousUser()
    html = actor_panel(request, actor)
    assert "Revenir à la version" not in html
    assert "À actualiser" not in html


def test_relation_proposal_accepted_creates_the_relation(client, actor, moderator, clermont):
    from maillage.network.models import Relation

    other = ActorFactory(name="Réseau régional", commune=clermont)
    response = client.post(
        f"/contributions/acteur/{actor.slug}/relation/",
        {
            "other": other.slug,
            "kind": "membership",
            "direction": "out",
            "motivations": ["information"],
            "start_year": "2019",
            "email": "a@exemple.invalid",
        },
    )
    assert response.status_code == 302
    proposal = Proposal.objects.get()
    services.confirm_email(proposal.pk, proposal.email)
    services.accept(proposal.pk, moderator)
    relation = Relation.objects.get()
    assert (relation.source, relation.target, relation.kind, relation.start_year) == (actor, other, "membership", 2019)
    assert Revision.objects.get(relation=relation).kind == "create"
    panel = actor_panel(RequestFactory().get("/"), actor)
    assert "Historique des relations" in panel and "Réseau régional" in panel


def test_end_of_relation_is_versioned(client, actor, moderator, clermont):
    from maillage.network.models import Relation

    other = ActorFactory(name="Prestataire", commune=clermont)
    relation = Relation.objects.create(source=other, target=actor, kind="service", start_year=2018)
    client.post(
        f"/contributions/acteur/{actor.slug}/fin-de-relation/",
        {"relation": relation.pk, "end_year": "2022", "email": "a@exemple.invalid"},
    )
    proposal = Proposal.objects.get()
    services.confirm_email(proposal.pk, proposal.email)
    services.accept(proposal.pk, moderator)
    relation.refresh_from_db()
    assert (relation.end_year, relation.version) == (2022, 2)
    assert list(Revision.objects.filter(relation=relation).order_by("version").values_list("kind", flat=True)) == [
        "baseline",
        "update",
    ]


def test_claim_requires_an_account(client, actor):
    response = client.get(f"/contributions/acteur/{actor.slug}/revendiquer/")
    assert response.status_code == 302


SIGNUP = {
    "email": "new@exemple.invalid",
    "username": "nouvelle",
    "password1": "Tr3s-long-secret!",
    "password2": "Tr3s-long-secret!",
}


def _link(sent, marker):
    return next(word for word in sent.body.split() if marker in word).removeprefix("http://testserver")


def test_signup_is_confirmed_by_email_before_the_account_works(client, db, mailoutbox):
    response = client.post("/contributions/inscription/", SIGNUP)
    assert response.status_code == 302 and response.url == "/contributions/inscription/envoyee/"
    user = get_user_model().objects.get(username="nouvelle")
    assert not user.is_active
    assert client.get("/contributions/mes-contributions/").status_code == 302
    (sent,) = mailoutbox
    response = client.get(_link(sent, "/compte/activer/"))
    assert response.status_code == 302
    assert client.get("/contributions/mes-contributions/").status_code == 200
    user.refresh_from_db()
    assert user.is_active


def test_signup_with_a_taken_address_answers_the_same_and_tells_the_owner(client, contributor, mailoutbox):
    response = client.post("/contributions/inscription/", {**SIGNUP, "email": contributor.email.upper()})
    assert response.status_code == 302 and response.url == "/contributions/inscription/envoyee/"
    assert not get_user_model().objects.filter(username="nouvelle").exists()
    (sent,) = mailoutbox
    assert sent.to == [contributor.email]
    assert "/mot-de-passe/oublie/" in sent.body


def test_signup_is_rate_limited_per_address_whatever_its_plus_tag(client, db, settings):
    settings.ACCOUNTS_SIGNUP_RATE_LIMIT_PER_EMAIL = (2, 3600)
    for i in range(2):
        client.post("/contributions/inscription/", {**SIGNUP, "username": f"u{i}", "email": f"ada+{i}@exemple.org"})
    response = client.post("/contributions/inscription/", {**SIGNUP, "username": "u9", "email": "ADA+9@exemple.org"})
    assert response.status_code == 429
    assert "Trop de créations de compte" in response.content.decode()
    assert not get_user_model().objects.filter(username="u9").exists()


def test_signup_honeypot_refuses_robots(client, db):
    response = client.post("/contributions/inscription/", {**SIGNUP, "contact_url": "http://spam"})
    assert response.status_code == 429
    assert not get_user_model().objects.exists()


def test_bad_activation_link_is_explained(client, db):
    response = client.get("/contributions/compte/activer/abc:def/")
    assert response.status_code == 400
    assert "lien d&#x27;activation n&#x27;est pas valide" in response.content.decode()


def test_password_reset_sends_a_link_that_sets_a_new_password(client, contributor, mailoutbox):
    contributor.set_password("ancien-secret-123")
    contributor.save()
    response = client.post("/contributions/mot-de-passe/oublie/", {"email": contributor.email})
    assert response.status_code == 302
    (sent,) = mailoutbox
    assert "Nouveau mot de passe" in sent.subject
    response = client.get(_link(sent, "/mot-de-passe/nouveau/"), follow=True)
    form_url = response.redirect_chain[-1][0]
    new = {"new_password1": "Nouve4u-secret-long", "new_password2": "Nouve4u-secret-long"}
    response = client.post(form_url, new)
    assert response.status_code == 302
    contributor.refresh_from_db()
    assert contributor.check_password("Nouve4u-secret-long")


def test_password_reset_answers_the_same_for_an_unknown_address(client, db, mailoutbox):
    response = client.post("/contributions/mot-de-passe/oublie/", {"email": "personne@exemple.invalid"})
    assert response.status_code == 302 and response.url == "/contributions/mot-de-passe/envoye/"
    assert mailoutbox == []


def test_login_is_locked_after_five_wrong_passwords_even_with_the_right_one(client, contributor):
    contributor.set_password("le-bon-secret-123")
    contributor.save()
    wrong = {"username": contributor.username, "password": "faux"}
    statuses = [client.post("/contributions/connexion/", wrong).status_code for _attempt in range(5)]
    assert statuses == [200, 200, 200, 200, 429]  # the fifth failure locks the account out from this address
    response = client.post(
        "/contributions/connexion/", {"username": contributor.username, "password": "le-bon-secret-123"}
    )
    assert response.status_code == 429
    assert "Connexion temporairement bloquée" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_login_message_is_the_same_for_an_unknown_user_and_a_wrong_password(client, contributor):
    unknown = client.post("/contributions/connexion/", {"username": "fantome", "password": "faux"})
    wrong = client.post("/contributions/connexion/", {"username": contributor.username, "password": "faux"})
    assert unknown.context["form"].non_field_errors() == wrong.context["form"].non_field_errors()


def test_signed_in_contributors_are_rate_limited_too(client, contributor, actor, settings):
    settings.CONTRIBUTIONS_RATE_LIMIT_PER_USER = (2, 3600)
    client.force_login(contributor)
    statuses = [
        client.post(
            f"/contributions/acteur/{actor.slug}/signaler/", {"reason": "wrong", "message": f"Signalement {i}"}
        ).status_code
        for i in range(3)
    ]
    assert statuses[:2] == [302, 302]
    assert statuses[2] == 429


def test_bad_confirmation_link_is_explained(client, db):
    response = client.get("/contributions/confirmer/abc:def/")
    assert response.status_code == 403
    assert "pas valide" in response.content.decode()


def test_panel_shows_the_latest_versions_and_links_the_full_history(actor, moderator):
    for i in range(6):
        actor.refresh_from_db()
        services.accept(
            services.create_proposal(
                kind="change_actor", user=moderator, actor=actor, payload={**actor_snapshot(actor), "name": f"N{i}"}
            ).pk,
            moderator,
        )
    actor.refresh_from_db()
    request = RequestFactory().get("/")
    request.user = moderator
    html = actor_panel(request, actor)
    assert "Version 7" in html and "Version 3" in html and "Version 2<" not in html
    assert "Tout l&#x27;historique" in html or "Tout l'historique" in html


def test_stale_list_shows_only_the_moderators_territory(client, actor, bordeaux, moderator):
    from django.utils import timezone

    far = ActorFactory(name="Lab girondin", commune=bordeaux)
    old = timezone.now() - timezone.timedelta(days=800)
    Actor.objects.filter(pk__in=[actor.pk, far.pk]).update(updated_at=old)
    client.force_login(moderator)
    listed = list(client.get("/contributions/moderation/a-actualiser/").context["page"].object_list)
    assert listed == [actor]


def test_contributor_answers_a_request_for_changes_from_the_status_link(client, actor, moderator):
    from maillage.contributions import tokens

    proposal = services.create_proposal(
        kind="change_actor", email="a@exemple.invalid", actor=actor, payload={**actor_snapshot(actor), "name": "L63"}
    )
    services.confirm_email(proposal.pk, proposal.email)
    services.request_changes(proposal.pk, moderator, "Nom complet, s'il vous plaît.")
    url = f"/contributions/suivi/{tokens.make_status_token(proposal)}/"
    page = client.get(url).content.decode()
    assert "Nom complet, s&#x27;il vous plaît." in page and "Corriger votre proposition" in page
    data = form_data(actor, name="Labo 63 du Puy-de-Dôme")
    data.pop("email")
    client.post(url, data)
    proposal.refresh_from_db()
    assert (proposal.status, proposal.payload) == ("pending", {"name": "Labo 63 du Puy-de-Dôme"})


def test_resubmitting_unchanged_multiline_text_is_not_a_change(client, actor):
    actor.description = "Première ligne\nDeuxième ligne"
    actor.save()
    data = form_data(actor, description="Première ligne\r\nDeuxième ligne\r\n", name="Labo 63 bis")
    client.post(f"/contributions/acteur/{actor.slug}/modifier/", data)
    assert Proposal.objects.get().payload == {"name": "Labo 63 bis"}
