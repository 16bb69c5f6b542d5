"""Admin helper: place an object on a map by hand, or at its address (geocoding)."""

from django.contrib import messages
from django.utils.translation import gettext as _

from .geocoding import address_geocoder_enabled, geocode_address
from .widgets import CoordinatesPickerWidget


class LocationPickerAdminMixin:
    """Give a ModelAdmin a map to place the object's latitude/longitude by hand.

    When the optional address geocoder is configured, an object saved with an address
    but no coordinates is placed at its address; staff can still move the marker.

    Usage: `class ActorAdmin(LocationPickerAdminMixin, admin.ModelAdmin): ...`
    """

    location_fields = ("latitude", "longitude")

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        latitude, longitude = self.location_fields
        if db_field.name == latitude:
            kwargs["widget"] = CoordinatesPickerWidget(longitude_field=longitude)
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        latitude, longitude = self.location_fields
        address = getattr(obj, "address", "")
        if address_geocoder_enabled() and address and getattr(obj, latitude) is None:
            commune = getattr(obj, "commune", None)
            found = geocode_address(address, citycode=commune.code if commune else "")
            if found:
                setattr(obj, latitude, found.latitude)
                setattr(obj, longitude, found.longitude)
                note = _("Position calculée à partir de l'adresse : %(label)s.") % {"label": found.label}
                messages.info(request, note)
            else:
                messages.warning(
                    request,
                    _("L'adresse n'a pas pu être géolocalisée ; l'acteur est placé au centre de sa commune."),
                )
        super().save_model(request, obj, form, change)
