"""Fixtures of the personal-data tests: a territory, an actor, a moderator (as in tests/contributions)."""

from tests.contributions.conftest import actor, clermont, moderator  # noqa: F401 - fixtures shared on purpose
