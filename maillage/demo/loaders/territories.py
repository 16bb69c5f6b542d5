"""Demo step 1: the official gazetteer (needed before any actor can be placed)."""

from maillage.territories.loading import load_territories


def load(stdout):
    report = load_territories()
    state = "déjà chargés" if report.skipped else "chargés"
    return f"territoires {state} : {report.communes} communes, {report.departments} départements"
