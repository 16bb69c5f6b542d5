"""The data version of a diagnostic run: the core's data version and the format of the results.

The core's version (maillage.core.dataversion) changes after any write to actors, relations and
what pages show of them (triggers, any process, bulk writes included). A run is kept per version;
bumping RESULT_FORMAT when the shape or the method of a stored result changes keeps old runs from
being reused.
"""

from maillage.core import dataversion

RESULT_FORMAT = 1


def data_version():
    """At most 32 characters (DiagnosticRun.data_version), e.g. "3f9a1c2e.418.f1"."""
    return f"{dataversion.read()}.f{RESULT_FORMAT}"
