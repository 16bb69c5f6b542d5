"""Admin helpers of the cartography app."""

from .widgets import CoordinatesPickerWidget


class LocationPickerAdminMixin:
    """Give a ModelAdmin a map to place the object's latitude/longitude by hand.

    Usage: `class ActorAdmin(LocationPickerAdminMixin, admin.ModelAdmin): ...`
    """

    location_fields = ("latitude", "longitude")

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        latitude, longitude = self.location_fields
        if db_field.name == latitude:
            kwargs["widget"] = CoordinatesPickerWidget(longitude_field=longitude)
        return super().formfield_for_dbfield(db_field, request, **kwargs)
