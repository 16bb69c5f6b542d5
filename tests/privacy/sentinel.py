"""Scan every column of every table of the database, raw, for a string (the erasure's sentinel)."""

import json

from django.db import connection


def as_text(value):
    if value is None:
        return ""
    if isinstance(value, (bytes, bytearray, memoryview)):
        return bytes(value).decode("latin-1")
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def where(*needles):
    """{table: {columns}} where any needle (any case) appears, in every table the database has."""
    needles = [n.lower() for n in needles]
    found = {}
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608 - introspected names
            columns = [column[0] for column in cursor.description]
            for row in cursor.fetchall():
                for column, value in zip(columns, row, strict=True):
                    text = as_text(value).lower()
                    if any(needle in text for needle in needles):
                        found.setdefault(table, set()).add(column)
    return found
