"""The one view of the core: the health endpoint (the logic is in health.py)."""

from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from .health import health


@require_safe
@never_cache
def health_view(request):
    """`/sante/`: JSON, 200 when the database, the cache and the task queue answer, else 503."""
    report, healthy = health()
    return JsonResponse(report, status=200 if healthy else 503, json_dumps_params={"ensure_ascii": False})
