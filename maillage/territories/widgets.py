"""A small map on which staff place or move an actor's marker by hand."""

from django import forms
from django.conf import settings


class CoordinatesPickerWidget(forms.NumberInput):
    """Number input for the latitude, followed by a map that fills latitude AND longitude.

    Clicking the map places the marker, dragging it moves it, typing in either field
    moves it too. The longitude input is found by its field name in the same form.
    """

    template_name = "territories/widgets/coordinates_picker.html"

    class Media:
        css = {"all": ["dist/location_picker.css"]}
        js = ["dist/location_picker.js"]

    def __init__(self, attrs=None, longitude_field="longitude"):
        super().__init__(attrs={"step": "any", **(attrs or {})})
        self.longitude_field = longitude_field

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        prefix = name[: -len("latitude")] if name.endswith("latitude") else ""
        context["widget"].update(
            longitude_name=f"{prefix}{self.longitude_field}",
            tile_url=settings.MAP_TILE_URL,
            tile_attribution=settings.MAP_TILE_ATTRIBUTION,
        )
        return context
