"""The version of the located data: cached map views are keyed on it, any change bumps it."""

from django.core.cache import cache

VERSION_KEY = "cartography:data-version"


def data_version():
    version = cache.get(VERSION_KEY)
    if version is None:
        version = 1
        cache.add(VERSION_KEY, version, None)
    return version


def bump_data_version(**kwargs):
    """Any change to actors, communes or relations invalidates every cached view."""
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, 2, None)
