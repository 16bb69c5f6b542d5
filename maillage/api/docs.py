"""The interactive documentation page (Swagger UI), served from the bundled copy, under the site's CSP.

drf-spectacular's split view delivers the page and its start-up script as two answers, so the
page holds no inline script (the site's CSP forbids them); Swagger UI itself comes from
drf-spectacular-sidecar's static files, never from a CDN.
"""

from drf_spectacular.views import SpectacularSwaggerSplitView


class SwaggerDocsView(SpectacularSwaggerSplitView):
    template_name = "api/docs.html"
    authentication_classes = []
    throttle_classes = []
