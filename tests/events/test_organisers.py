"""Organisers' pages: per-event permission, their events, team, registrations, attendee and check-in lists."""

import csv
import io

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from openpyxl import load_workbook

from maillage.events import organising, services
from maillage.events.models import Assignment, EventOrganiser, Workshop
from tests.contributions.factories import UserFactory

from .factories import make_event, make_organiser

pytestmark = pytest.mark.django_db


def register(event, name, email=None, organisation="", needs=""):
    registration = services.register(
        event,
        name=name,
        email=email or f"{name.lower().replace(' ', '.')}@example.org",
        organisation=organisation,
        days=list(event.days.all()),
        theme_ranking=list(event.themes.all()),
    )
    if needs:
        registration.accessibility_needs = needs
        registration.save(update_fields=["accessibility_needs"])
    return registration


@pytest.fixture
def event():
    return make_event(themes=3, sessions_per_day=(2,), capacity=5)


def organiser_urls(event):
    workshop = Workshop.objects.filter(session__event=event).first()
    kwargs = {"slug": event.slug}
    return [
        reverse("events:organiser", kwargs=kwargs),
        reverse("events:registrations", kwargs=kwargs),
        reverse("events:attendee_lists", kwargs=kwargs),
        reverse("events:workshop_attendees", kwargs={**kwargs, "pk": workshop.pk}),
        reverse("events:workshop_attendees_csv", kwargs={**kwargs, "pk": workshop.pk}),
        reverse("events:workshop_attendees_xlsx", kwargs={**kwargs, "pk": workshop.pk}),
        reverse("events:checkin", kwargs={**kwargs, "session": 1}),
        reverse("events:team", kwargs=kwargs),
        reverse("events:proposal_new", kwargs=kwargs),
    ]


# --------------------------------------------------------------------------- permission


def test_visitors_are_sent_to_the_sites_own_login_page(client, event):
    for url in organiser_urls(event):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response.url.startswith(reverse("contributions:login") + "?next="), url


def test_a_signed_in_user_who_does_not_organise_gets_a_french_403(client, event):
    client.force_login(UserFactory(username="curieux"))
    for url in organiser_urls(event):
        response = client.get(url)
        assert response.status_code == 403, url
        assert "Accès réservé aux organisateurs" in response.content.decode()


def test_the_organiser_of_another_event_is_refused(client, event):
    other = make_event()
    client.force_login(make_organiser(other))
    response = client.get(reverse("events:registrations", kwargs={"slug": event.slug}))
    assert response.status_code == 403
    assert "n’organise pas" in response.content.decode()


def test_the_events_organiser_sees_every_organiser_page(client, event):
    client.force_login(make_organiser(event))
    for url in organiser_urls(event):
        assert client.get(url).status_code == 200, url


def test_staff_status_alone_does_not_make_an_organiser(client, event):
    client.force_login(UserFactory(username="equipe", is_staff=True))
    assert client.get(reverse("events:organiser", kwargs={"slug": event.slug})).status_code == 403


def test_an_administrator_organises_every_event(client, event):
    client.force_login(UserFactory(username="admin", is_superuser=True))
    assert client.get(reverse("events:registrations", kwargs={"slug": event.slug})).status_code == 200


def test_the_organisation_tab_shows_for_organisers_only(client, event):
    url = event.get_absolute_url()
    assert "Organisation</a>" not in client.get(url).content.decode()
    client.force_login(make_organiser(event))
    assert "Organisation</a>" in client.get(url).content.decode()


def test_a_deactivated_organiser_is_refused(client, event):
    user = make_organiser(event)
    user.is_active = False
    user.save()
    assert not organising.can_organise(user, event)


# --------------------------------------------------------------------------- their events, team


def test_my_events_lists_only_the_events_one_organises(client, event):
    other = make_event()
    client.force_login(make_organiser(event))
    html = client.get(reverse("events:organiser_home")).content.decode()
    assert event.name in html and other.name not in html


def test_the_header_links_an_organiser_to_their_events(client, event):
    client.force_login(make_organiser(event))
    assert 'href="/evenements/organisation/">Mes événements' in client.get("/").content.decode()


def test_the_header_has_no_organiser_link_for_other_accounts(client):
    client.force_login(UserFactory(username="curieux"))
    assert "Mes événements" not in client.get("/").content.decode()


def test_the_organisers_page_explains_how_to_get_an_account_to_visitors(client):
    html = client.get(reverse("events:organiser_home")).content.decode()
    assert "Comment obtenir un compte organisateur" in html
    assert reverse("contributions:signup") in html and "create_organiser" in html


def test_an_organiser_adds_an_existing_account_by_email(client, event):
    organiser = make_organiser(event)
    newcomer = UserFactory(username="bea", email="bea@example.org")
    client.force_login(organiser)
    client.post(reverse("events:team", kwargs={"slug": event.slug}), {"account": "BEA@example.org"})
    role = EventOrganiser.objects.get(event=event, user=newcomer)
    assert role.added_by == organiser


def test_adding_an_unknown_account_says_so_in_french(client, event):
    client.force_login(make_organiser(event))
    response = client.post(reverse("events:team", kwargs={"slug": event.slug}), {"account": "personne"})
    assert response.status_code == 400
    assert "la personne doit d&#x27;abord créer son compte" in response.content.decode()


def test_the_last_organiser_cannot_be_removed(event):
    user = make_organiser(event)
    with pytest.raises(organising.TeamError):
        organising.remove_organiser(event, user)
    assert organising.can_organise(user, event)


def test_an_organiser_removes_another(client, event):
    first = make_organiser(event)
    second = make_organiser(event, username="second")
    client.force_login(first)
    role = EventOrganiser.objects.get(user=second)
    client.post(reverse("events:team_remove", kwargs={"slug": event.slug, "pk": role.pk}))
    assert not organising.can_organise(second, event)


# --------------------------------------------------------------------------- command


def test_create_organiser_creates_the_account_and_prints_a_password_link(client, event):
    out = io.StringIO()
    call_command("create_organiser", "claire", "--event", event.slug, "--email", "claire@example.org", stdout=out)
    user = EventOrganiser.objects.get(event=event).user
    assert user.username == "claire" and not user.has_usable_password()
    link = out.getvalue().split("mot de passe : ")[1].strip()
    path = link.split("8000", 1)[1]
    response = client.get(path, follow=True)
    assert "new_password1" in response.content.decode()


def test_create_organiser_grants_an_existing_account(event):
    user = UserFactory(username="dina")
    call_command("create_organiser", "dina", "--event", event.slug, stdout=io.StringIO())
    assert organising.can_organise(user, event) and user.has_usable_password()


def test_create_organiser_refuses_an_unknown_event():
    UserFactory(username="dina")
    with pytest.raises(CommandError, match="Événement inconnu"):
        call_command("create_organiser", "dina", "--event", "nulle-part", stdout=io.StringIO())


def test_create_organiser_needs_an_email_for_a_new_account(event):
    with pytest.raises(CommandError, match="--email"):
        call_command("create_organiser", "inconnu", "--event", event.slug, stdout=io.StringIO())


# --------------------------------------------------------------------------- registrations


def test_registrations_are_searched_by_name_email_or_organisation(client, event):
    register(event, "Ada Lovelace", organisation="Laboratoire imaginaire")
    register(event, "Bob Martin", email="bob@ville.example")
    client.force_login(make_organiser(event))
    url = reverse("events:registrations", kwargs={"slug": event.slug})
    assert [r.name for r in client.get(url, {"q": "imaginaire"}).context["page"]] == ["Ada Lovelace"]
    assert [r.name for r in client.get(url, {"q": "ville.example"}).context["page"]] == ["Bob Martin"]
    assert len(client.get(url).context["page"]) == 2


def test_registration_counts_say_who_needs_accessibility_and_who_has_no_workshop(event):
    register(event, "Ada", needs="Fauteuil roulant")
    register(event, "Bob")
    services.run_allocation(event)
    register(event, "Chloé")
    counts = organising.registration_counts(event)
    assert counts["total"] == 3 and counts["accessibility"] == 1 and counts["unplaced"] == 1
    assert [day.n for day in counts["per_day"]] == [3]


def test_registrations_page_queries_stay_bounded(client, event, django_assert_max_num_queries):
    for i in range(40):
        register(event, f"Personne {i}")
    client.force_login(make_organiser(event))
    with django_assert_max_num_queries(24):
        response = client.get(reverse("events:registrations", kwargs={"slug": event.slug}))
    assert len(response.context["page"]) == 40


# --------------------------------------------------------------------------- attendee lists


@pytest.fixture
def allocated(event):
    register(event, "Zoé Martin", organisation="Ville de Lyon", needs="Boucle magnétique")
    register(event, '=HYPERLINK("http://evil.example")', organisation="+33 1 23")
    register(event, "Ada Lovelace")
    run = services.run_allocation(event)
    assert not run.error
    return event


def first_workshop(event):
    placed = Workshop.objects.filter(session__event=event, seats_taken__gt=0)
    return placed.order_by("session__number", "theme__number")[0]


def test_the_csv_attendee_list_reads_back_with_neutralised_formulas(client, allocated):
    workshop = first_workshop(allocated)
    client.force_login(make_organiser(allocated))
    response = client.get(reverse("events:workshop_attendees_csv", kwargs={"slug": allocated.slug, "pk": workshop.pk}))
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:3] == ["Nom et prénom", "Organisation", "Courriel"]
    expected = sorted(a.registration.name for a in Assignment.objects.filter(workshop=workshop))
    names = [row[0].removeprefix("'") for row in rows[1:]]
    assert names == expected
    assert all(not row[0].startswith(("=", "+")) and not row[1].startswith(("=", "+")) for row in rows[1:])


def test_the_xlsx_attendee_list_reads_back_in_openpyxl(client, allocated):
    workshop = first_workshop(allocated)
    client.force_login(make_organiser(allocated))
    url = reverse("events:workshop_attendees_xlsx", kwargs={"slug": allocated.slug, "pk": workshop.pk})
    response = client.get(url)
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert str(workshop.theme) in rows[0][0]
    assert rows[1][0] == "Nom et prénom"
    body = rows[2:]
    assert len(body) == workshop.seats_taken
    assert all(cell is None or not str(cell).startswith(("=", "+")) for row in body for cell in row)
    needs = {row[0]: row[3] for row in body}
    if "Zoé Martin" in needs:
        assert needs["Zoé Martin"] == "Boucle magnétique"


def test_the_printable_list_names_every_attendee_of_the_workshop(client, allocated):
    workshop = first_workshop(allocated)
    client.force_login(make_organiser(allocated))
    html = client.get(reverse("events:workshop_attendees", kwargs={"slug": allocated.slug, "pk": workshop.pk})).content
    for a in Assignment.objects.filter(workshop=workshop).select_related("registration"):
        assert a.registration.name.replace('"', "&quot;") in html.decode()
    assert b"data-print" in html and b"<caption" in html


def test_a_workshop_of_another_event_is_not_found(client, allocated):
    other = make_event()
    client.force_login(make_organiser(allocated))
    workshop = Workshop.objects.filter(session__event=other).first()
    url = reverse("events:workshop_attendees", kwargs={"slug": allocated.slug, "pk": workshop.pk})
    assert client.get(url).status_code == 404


def test_attendee_pages_queries_stay_bounded(client, event, django_assert_max_num_queries):
    """A fixed number of queries (the event header's included), whatever the number of attendees."""
    for i in range(14):  # 3 workshops of 5 seats per session
        register(event, f"Personne {i}")
    assert not services.run_allocation(event).error
    client.force_login(make_organiser(event))
    workshop = first_workshop(event)
    with django_assert_max_num_queries(19):
        client.get(reverse("events:attendee_lists", kwargs={"slug": event.slug}))
    with django_assert_max_num_queries(19):
        client.get(reverse("events:workshop_attendees", kwargs={"slug": event.slug, "pk": workshop.pk}))
    with django_assert_max_num_queries(20):
        client.get(reverse("events:checkin", kwargs={"slug": event.slug, "session": 1}))
    with django_assert_max_num_queries(23):
        client.get(reverse("events:organiser", kwargs={"slug": event.slug}))


# --------------------------------------------------------------------------- check-in


def test_the_check_in_list_has_a_row_and_a_signature_cell_per_attendee(client, allocated):
    client.force_login(make_organiser(allocated))
    response = client.get(reverse("events:checkin", kwargs={"slug": allocated.slug, "session": 1}))
    html = response.content.decode()
    placed = Assignment.objects.filter(session__number=1, registration__event=allocated).count()
    assert placed == 3
    assert html.count('<td class="signature"></td>') == placed
    assert html.count('class="tick-box print-only"') == placed


def test_the_check_in_list_can_show_one_workshop(client, allocated):
    workshop = first_workshop(allocated)
    client.force_login(make_organiser(allocated))
    url = reverse("events:checkin", kwargs={"slug": allocated.slug, "session": workshop.session.number})
    response = client.get(url, {"atelier": workshop.pk})
    assert [w.pk for w in response.context["workshops"]] == [workshop.pk]


def test_ticking_an_attendee_present_records_the_moment_and_unticking_clears_it(client, allocated):
    assignment = Assignment.objects.filter(registration__event=allocated).first()
    client.force_login(make_organiser(allocated))
    url = reverse("events:checkin_toggle", kwargs={"slug": allocated.slug, "pk": assignment.pk})
    client.post(url, {"present": "1"})
    assignment.refresh_from_db()
    assert assignment.checked_in_at is not None
    client.post(url, {"present": "0"})
    assignment.refresh_from_db()
    assert assignment.checked_in_at is None


def test_an_organiser_cannot_tick_an_attendee_of_another_event(client, allocated):
    other = make_event()
    assignment = Assignment.objects.filter(registration__event=allocated).first()
    client.force_login(make_organiser(other))
    url = reverse("events:checkin_toggle", kwargs={"slug": other.slug, "pk": assignment.pk})
    assert client.post(url, {"present": "1"}).status_code == 404
    assignment.refresh_from_db()
    assert assignment.checked_in_at is None
