"""E-mails go through the task queue (run inline in tests, by a worker in production)."""

from django.core import mail

from maillage.core.tasks import queue_mail


def test_queued_mail_is_delivered():
    assert queue_mail("Objet", "Corps", ["a@exemple.invalid"]) == 1
    assert [(m.subject, m.to) for m in mail.outbox] == [("Objet", ["a@exemple.invalid"])]


def test_no_recipient_queues_nothing():
    assert queue_mail("Objet", "Corps", ["", None]) == 0
    assert mail.outbox == []
