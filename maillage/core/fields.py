"""Model fields shared by the apps."""

from django.db import models
from django.utils.translation import gettext


class VocabularyLabelField(models.CharField):
    """The French label of a seeded vocabulary row (actor types, motivations), read in the active language.

    The rows are reference data seeded by migrations from labels marked for the translation
    catalogue; the database keeps the French label (filters and imports match on it) and reading
    a row gives its translation in the language of the request. The column is a plain CharField
    for migrations.
    """

    def from_db_value(self, value, expression, connection):
        return gettext(value) if value else value

    def deconstruct(self):
        name, _path, args, kwargs = super().deconstruct()
        return name, "django.db.models.CharField", args, kwargs
