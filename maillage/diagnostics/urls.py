"""URLs of the diagnostics app (under /diagnostic/)."""

from django.urls import path

from . import views

app_name = "diagnostics"

urlpatterns = [
    path("", views.diagnostic_page, name="diagnostic"),
    path("comparer/", views.compare, name="compare"),
    path("imprimer/", views.print_view, name="print"),
    path("diagnostic.pdf", views.pdf_view, name="pdf"),
    path("historique/", views.history, name="history"),
    path("calcul/<int:pk>/", views.run_detail, name="run"),
    path("calcul/<int:pk>/avancement/", views.run_status, name="run_status"),
    path("export.<str:fmt>", views.export, name="export"),
    path("communautes/nommer/", views.name_community, name="name_community"),
    path("mesures/<slug:slug>/", views.measure_page, name="measure"),
]
