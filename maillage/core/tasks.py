"""Background tasks (huey): work that must not hold a web request.

In development and tests huey runs tasks immediately, in-process; in production
a worker (`manage.py run_huey`) consumes them from SQLite or Redis.
"""

from django.core.mail import send_mail
from huey.contrib.djhuey import task

from .personal_data import email_footer


@task(retries=3, retry_delay=60)
def deliver_mail(subject, body, recipients):
    """Send one plain-text e-mail; retried if the SMTP server is briefly unavailable."""
    return send_mail(subject, body, None, list(recipients))


def queue_mail(subject, body, recipients, base_url=None):
    """Queue one e-mail per recipient for the worker. Returns the number of recipients queued.

    This is the only place Maillage sends e-mail from (a test holds every other module to it):
    each message ends with its recipient's own signed personal-data link (withdraw consent,
    export, erasure; `maillage.core.personal_data`), so one message per recipient, which also
    keeps recipients from seeing each other's addresses.
    """
    recipients = [r for r in recipients if r]
    for recipient in recipients:
        deliver_mail(subject, body.rstrip("\n") + "\n" + email_footer(recipient, base_url), [recipient])
    return len(recipients)
