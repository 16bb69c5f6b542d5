"""Survey e-mails through the task queue (huey): invitations, and reminders on a schedule."""

from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task

from .models import EmailKind


@db_task(retries=3, retry_delay=60)
def deliver_survey_email(invitation_id, kind, number):
    """One invitation or reminder e-mail, sent at most once (see invitations.deliver)."""
    from .invitations import deliver

    return deliver(invitation_id, kind, number)


@db_periodic_task(crontab(hour="9", minute="0"))
def send_due_reminders():
    """Every morning: queue the reminders that are due (bounded by each campaign's maximum)."""
    from .invitations import due_reminders

    due = due_reminders()
    for invitation_id, number in due:
        deliver_survey_email(invitation_id, EmailKind.REMINDER, number)
    return len(due)
