"""Whole pages cached for visitors who carry no state, keyed on the data version.

The main pages (the directory, an actor's fiche, the map, the network: PAGE_CACHE_VIEWS) cost
tens of milliseconds of templates and queries to render, the same for every visitor without an
account. For such a request — a GET or HEAD with no session cookie, no messages cookie, not
signed in — the page is served from the cache when an entry exists for its path, query string,
language, htmx target and the current data version (maillage.core.dataversion); any write to
the data shows at the next request, in every process.

Nothing personal is ever stored: a response is kept only if the visitor had no session and no
messages, the page did not use a CSRF token (a form would hold one), added no message and set no
cookie, and answered 200. A signed-in user, or anyone with a session (a contributor who just
posted, a pending message…), is served the page rendered for them. What a page shows beyond the
versioned tables (the time of day, a diagnostic finishing in the background) is at most
PAGE_CACHE_SECONDS late.
"""

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils.cache import patch_vary_headers
from django.utils.translation import get_language

from . import dataversion

HEADER = "X-Page-Cache"


def _stateless(request):
    if request.method not in ("GET", "HEAD"):
        return False
    cookies = request.COOKIES
    if settings.SESSION_COOKIE_NAME in cookies or "messages" in cookies:
        return False
    user = getattr(request, "user", None)
    return not (user is not None and user.is_authenticated)


def _key(request):
    return dataversion.cache_key(
        "page",
        get_language(),
        request.headers.get("HX-Request", ""),
        request.headers.get("HX-Target", ""),
        request.get_full_path(),
    )


def _storable(request, response):
    messages = getattr(request, "_messages", None)
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and not (messages is not None and messages.added_new)
    )


class AnonymousPageCacheMiddleware:
    """After the authentication and messages middleware: serve or keep PAGE_CACHE_VIEWS' pages."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        key = getattr(request, "_page_cache_key", None)
        if key is not None:
            patch_vary_headers(response, ["Cookie"])
            if _storable(request, response):
                headers = {name: response[name] for name in ("Content-Type", "Content-Language") if name in response}
                cache.set(key, (response.content, headers), settings.PAGE_CACHE_SECONDS)
                response[HEADER] = "miss"
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        if match is None or match.view_name not in settings.PAGE_CACHE_VIEWS or not _stateless(request):
            return None
        key = _key(request)
        hit = cache.get(key)
        if hit is None:
            request._page_cache_key = key
            return None
        content, headers = hit
        response = HttpResponse(content, headers=headers)
        patch_vary_headers(response, ["Cookie"])
        response[HEADER] = "hit"
        return response
