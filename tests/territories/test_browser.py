"""The location picker widget in a real headless Chromium, with no tile server reachable."""

import pytest
from django import forms

from maillage.territories.widgets import CoordinatesPickerWidget
from tests.conftest import ignore_offline_tile_errors

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_location_picker_fills_latitude_and_longitude(live_server, page):
    class LocationForm(forms.Form):
        latitude = forms.FloatField(widget=CoordinatesPickerWidget())
        longitude = forms.FloatField()

    form = LocationForm()
    media = str(form.media).replace('src="/static/', f'src="{live_server.url}/static/')
    media = media.replace('href="/static/', f'href="{live_server.url}/static/')
    html = f'<!doctype html><html lang="fr"><head><title>Formulaire</title>{media}</head><body><main><form>'
    html += f"{form.as_div()}</form></main></body></html>"
    url = live_server.url + "/formulaire-test/"
    page.route(url, lambda route: route.fulfill(content_type="text/html", body=html))
    page.goto(url)
    page.locator(".location-picker-map").click()
    assert page.locator("#id_latitude").input_value() != ""
    assert 41 < float(page.locator("#id_latitude").input_value()) < 52
    assert -6 < float(page.locator("[name=longitude]").input_value()) < 10
    assert ignore_offline_tile_errors(page.console_errors) == []
