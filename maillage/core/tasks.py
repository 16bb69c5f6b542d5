"""Background tasks (huey): work that must not hold a web request.

In development and tests huey runs tasks immediately, in-process; in production
a worker (`manage.py run_huey`) consumes them from SQLite or Redis.
"""

from django.core.mail import send_mail
from huey.contrib.djhuey import task


@task(retries=3, retry_delay=60)
def deliver_mail(subject, body, recipients):
    """Send one plain-text e-mail; retried if the SMTP server is briefly unavailable."""
    return send_mail(subject, body, None, list(recipients))


def queue_mail(subject, body, recipients):
    """Queue an e-mail for the worker. Returns the number of recipients queued."""
    recipients = [r for r in recipients if r]
    if not recipients:
        return 0
    deliver_mail(subject, body, recipients)
    return len(recipients)
