"""The Assises 2025 as loaded by the demo: complete and correct against the reference document."""

import datetime

import pytest

from maillage.demo.loaders import events as loader
from maillage.events.models import Event, SlotSpeaker, Workshop
from tests.directory.factories import ActorFactory, ContactFactory

pytestmark = pytest.mark.django_db

DAY1, DAY2 = datetime.date(2025, 10, 1), datetime.date(2025, 10, 2)


@pytest.fixture
def event():
    return loader.load_programme()[0]


def sessions_of(event, theme_number):
    return sorted(
        Workshop.objects.filter(theme__event=event, theme__number=theme_number).values_list(
            "session__number", flat=True
        )
    )


def speaker_days(event, slug, theme_number):
    return sorted(
        {
            w.session.slot.day.date
            for w in Workshop.objects.filter(theme__number=theme_number, speakers__slug=slug, theme__event=event)
        }
    )


def test_two_days_two_venues_and_every_slot_with_its_time(event):
    assert [d.date for d in event.days.all()] == [DAY1, DAY2]
    assert {v.name: v.address.split(",")[0] for v in event.venues.all()} == {
        "L'Autre Canal": "4",
        "INSET de Nancy": "1",
    }
    day1 = [(s.start.strftime("%H:%M"), s.title) for s in event.days.get(date=DAY1).slots.all()]
    assert [t for t, _title in day1] == [
        "09:00",
        "10:30",
        "11:00",
        "12:45",
        "14:00",
        "15:45",
        "16:00",
        "17:45",
        "18:00",
        "19:00",
        "20:30",
        "23:30",
    ]
    day2 = [s.start.strftime("%H:%M") for s in event.days.get(date=DAY2).slots.all()]
    assert day2 == ["08:30", "09:15", "11:00", "11:15", "13:00", "14:00", "15:30", "15:30"]


def test_four_sessions_of_1h45_two_per_day(event):
    sessions = list(event.sessions.select_related("slot__day"))
    assert [(s.number, s.slot.day.date) for s in sessions] == [(1, DAY1), (2, DAY1), (3, DAY2), (4, DAY2)]
    for s in sessions:
        start = datetime.datetime.combine(DAY1, s.slot.start)
        assert datetime.datetime.combine(DAY1, s.slot.end) - start == datetime.timedelta(minutes=105)


def test_ten_themes_with_their_full_text(event):
    themes = list(event.themes.all())
    assert [t.number for t in themes] == list(range(1, 11))
    assert themes[0].title == "Portage institutionnel stable et formation des décideurs"
    assert themes[7].title == "Documentation et capitalisation : créer des Communs"
    assert themes[9].text.startswith("À la suite de la conférence de Norbert Alter")
    assert themes[9].text.endswith("d'esquisser des pistes d'action concrètes.")
    assert all(len(t.text) > 500 for t in themes)


def test_themes_9_and_10_on_one_day_only_the_others_in_all_four_sessions(event):
    for n in range(1, 9):
        assert sessions_of(event, n) == [1, 2, 3, 4]
    assert sessions_of(event, 9) == [1, 2]
    assert sessions_of(event, 10) == [3, 4]
    for session in event.sessions.all():
        assert session.workshops.count() == 9  # "Choix parmi 9 thématiques"


def test_speakers_with_a_day_are_only_on_that_days_sessions(event):
    assert speaker_days(event, "vincent", 1) == [DAY1]
    assert speaker_days(event, "vallauri", 1) == [DAY1]
    assert speaker_days(event, "kotras", 1) == [DAY2]
    assert speaker_days(event, "di-martino", 1) == [DAY2]
    assert speaker_days(event, "zatorsky", 5) == [DAY1]
    assert speaker_days(event, "geronimi", 5) == [DAY2]
    assert speaker_days(event, "heidsieck", 5) == [DAY1, DAY2]
    assert speaker_days(event, "alavinia", 6) == [DAY1]
    assert speaker_days(event, "rio", 7) == [DAY1]
    assert speaker_days(event, "norynberg", 7) == [DAY2]
    assert speaker_days(event, "colombeau", 9) == [DAY1]
    assert speaker_days(event, "alix", 10) == [DAY2]


def test_every_workshop_speaker_of_the_document_is_there(event):
    expected = {
        1: {"vincent", "kotras", "di-martino", "vallauri"},
        2: {"ruiz-martinez", "boissonade"},
        3: {"lacombe", "van-der-haegen", "douhard"},
        4: {"de-saint-albin", "zadrozynski"},
        5: {"zatorsky", "heidsieck", "geronimi"},
        6: {"cot", "alavinia", "di-monte", "blond"},
        7: {"jegou", "rio", "norynberg", "pouye"},
        8: {"ambry", "baron"},
        9: {"colombeau", "corpet"},
        10: {"alix", "oskanian"},
    }
    for number, slugs in expected.items():
        found = set(
            Workshop.objects.filter(theme__event=event, theme__number=number).values_list("speakers__slug", flat=True)
        )
        assert found == slugs, number


def test_plenary_speakers_and_grands_temoins(event):
    plenary = SlotSpeaker.objects.filter(slot__day__event=event, role="plenary").values_list("speaker__slug", flat=True)
    assert set(plenary) == {"cole", "paul", "giradot", "vincent", "cot", "pavie", "rio", "lacombe"}
    witnesses = {
        (s.speaker.slug, s.slot.day.date)
        for s in SlotSpeaker.objects.filter(role="witness").select_related("slot__day", "speaker")
    }
    assert witnesses == {("alter", DAY1), ("silberzahn", DAY2)}
    assert event.speakers.get(slug="burette").function.startswith("Responsable national")


def test_speakers_link_to_directory_actors_when_present_and_loading_is_idempotent():
    actor = ActorFactory(slug="la-27e-region", name="La 27e Région")
    contact = ContactFactory(actor=actor, name="Stéphane Vincent")
    event, created = loader.load_programme()
    assert created
    vincent = event.speakers.get(slug="vincent")
    assert vincent.actor == actor and vincent.contact == contact
    assert event.speakers.get(slug="cole").actor is None  # absent from the directory: no failure
    again, created_again = loader.load_programme()
    assert not created_again and again.pk == event.pk
    assert Event.objects.count() == 1


def test_programme_pages_show_the_demo(client, event):
    page = client.get(f"/evenements/{event.slug}/").content.decode()
    assert "Conférence « grand témoin »" in page and "L&#x27;Autre Canal" in page
    themes = client.get(f"/evenements/{event.slug}/ateliers/").content.decode()
    assert "Atelier uniquement le 1er octobre" in themes
    speakers = client.get(f"/evenements/{event.slug}/intervenants/").content.decode()
    assert "Francesco Di Martino" in speakers


def test_room_capacities_are_a_labelled_assumption_shown_on_every_event_page(client, event):
    assert "ne donne ni les salles des ateliers ni leurs capacités" in event.rooms_assumption
    for path in ("", "ateliers/", "intervenants/", "inscription/"):  # the past event's inscription/ leads back
        page = client.get(f"/evenements/{event.slug}/{path}", follow=True)
        assert page.status_code == 200, path
        assert "Hypothèse :" in page.content.decode(), path


def test_no_assumption_notice_for_an_event_whose_rooms_come_from_a_source(client, event):
    Event.objects.filter(pk=event.pk).update(rooms_assumption="")
    assert "Hypothèse :" not in client.get(f"/evenements/{event.slug}/ateliers/").content.decode()


def test_l_autre_canal_is_a_scene_de_musiques_actuelles_and_hosts_both_welcomes(event):
    canal = event.venues.get(name="L'Autre Canal")
    assert "scène de musiques actuelles" in canal.role
    welcomes = [s.venue for d in event.days.all() for s in d.slots.filter(kind="welcome")]
    assert welcomes == [canal, canal]


def test_a_speaker_with_two_functions_in_the_programme_keeps_both(event):
    function = event.speakers.get(slug="alter").function
    assert "Sociologue affilié à Sciences Po Paris" in function and "Professeur affilié" in function


def test_caroline_di_monte_is_linked_to_the_dip_not_the_whole_city():
    ActorFactory(slug="ville-de-clermont-ferrand", name="Ville de Clermont-Ferrand")
    dip = ActorFactory(slug="dip-clermont-ferrand", name="Direction Innovation et Participation")
    event, _created = loader.load_programme()
    assert event.speakers.get(slug="di-monte").actor == dip


def test_reloading_refreshes_the_facts_the_file_states(event):
    event.speakers.filter(slug="alter").update(function="ancienne fonction")
    Event.objects.filter(pk=event.pk).update(rooms_assumption="")
    again, created = loader.load_programme()
    assert not created
    assert again.speakers.get(slug="alter").function.startswith("Sociologue")
    assert again.rooms_assumption
