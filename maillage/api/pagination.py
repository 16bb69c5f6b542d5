"""Cursor pages on the primary key: stable while rows are added, changed or removed between pages.

The cursor encodes the last id seen; the next page is "id greater than it". Ids are unique and
never change, so a row cannot appear twice or be skipped because another row was inserted,
renamed or deleted meanwhile (new rows simply come on later pages, as their ids are larger).
"""

from django.utils.translation import gettext as _
from rest_framework import exceptions
from rest_framework.pagination import CursorPagination


class StableCursorPagination(CursorPagination):
    ordering = ("id",)
    page_size_query_param = "page_size"
    max_page_size = 200

    def get_page_size(self, request):
        """The requested size, refused (400) unless it is one whole number from 1 to max_page_size."""
        values = request.query_params.getlist(self.page_size_query_param)
        if not values:
            return self.page_size
        if len(values) > 1 or not values[0].isdigit() or not 1 <= int(values[0]) <= self.max_page_size:
            raise exceptions.ValidationError(
                {self.page_size_query_param: [_("Un nombre entier de 1 à %(max)d.") % {"max": self.max_page_size}]}
            )
        return int(values[0])

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter["name"] == self.page_size_query_param:
                parameter["schema"] = {"type": "integer", "minimum": 1, "maximum": self.max_page_size}
        return parameters
