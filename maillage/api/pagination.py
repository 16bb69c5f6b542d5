"""Cursor pages on the primary key: stable while rows are added, changed or removed between pages.

The cursor encodes the last id seen; the next page is "id greater than it". Ids are unique and
never change, so a row cannot appear twice or be skipped because another row was inserted,
renamed or deleted meanwhile (new rows simply come on later pages, as their ids are larger).
"""

from rest_framework.pagination import CursorPagination


class StableCursorPagination(CursorPagination):
    ordering = ("id",)
    page_size_query_param = "page_size"
    max_page_size = 200
