"""Demo step: workshop follow-up. The reference documents report no workshop outputs, so nothing
is loaded and the "suivi des propositions" page shows its empty state. Facilitators record real
proposals and actions from the staff pages."""

from maillage.events.models import Proposal


def load(stdout):
    count = Proposal.objects.count()
    return (
        f"suivi des propositions : aucune donnée de démonstration (les documents n'en rapportent pas), {count} en base"
    )
