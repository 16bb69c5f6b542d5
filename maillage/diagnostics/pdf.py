"""The printable diagnostic as a PDF, produced offline by WeasyPrint (HTML + CSS to PDF).

WeasyPrint lays text out with Pango (a system library); `checks.py` fails loudly at start-up
when it is missing. Only our own static files are read: any other URL is refused, so making
a PDF never fetches anything over the network.
"""

import mimetypes

from django.contrib.staticfiles import finders

STATIC_MARKER = "/static/"


def _static_path(url):
    if STATIC_MARKER not in url:
        return None
    return finders.find(url.split(STATIC_MARKER, 1)[1].split("?", 1)[0])


def render_pdf(html, base_url):
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class LocalStaticFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            path = _static_path(url)
            if path is None:
                raise ValueError(f"Refused non-local resource: {url}")
            with open(path, "rb") as handle:
                body = handle.read()
            mime = mimetypes.guess_type(path)[0] or "application/octet-stream"
            return URLFetcherResponse(url, body, {"Content-Type": mime})

    return HTML(string=html, base_url=base_url, url_fetcher=LocalStaticFetcher()).write_pdf()
