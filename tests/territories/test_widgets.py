"""Staff place an actor by hand: the picker widget and the admin mixin."""

from django import forms
from django.contrib import admin

from maillage.directory.models import Actor
from maillage.territories.admin_mixins import LocationPickerAdminMixin
from maillage.territories.widgets import CoordinatesPickerWidget


class LocationForm(forms.Form):
    latitude = forms.FloatField(widget=CoordinatesPickerWidget())
    longitude = forms.FloatField()


def test_widget_renders_the_input_and_a_map_bound_to_the_longitude_field():
    html = str(LocationForm(initial={"latitude": 45.78, "longitude": 3.08})["latitude"])
    assert 'name="latitude"' in html and 'value="45.78"' in html
    assert 'data-latitude-input="id_latitude"' in html and 'data-longitude-name="longitude"' in html


def test_widget_follows_the_form_prefix():
    html = str(LocationForm(prefix="acteur")["latitude"])
    assert 'data-longitude-name="acteur-longitude"' in html


def test_widget_ships_its_bundle():
    assert "dist/location_picker.js" in str(LocationForm().media)


def test_admin_mixin_puts_the_picker_on_the_latitude_field(rf):
    class ActorAdmin(LocationPickerAdminMixin, admin.ModelAdmin):
        fields = ["name", "latitude", "longitude"]

    model_admin = ActorAdmin(Actor, admin.AdminSite())
    field = model_admin.formfield_for_dbfield(Actor._meta.get_field("latitude"), rf.get("/"))
    assert isinstance(field.widget, CoordinatesPickerWidget)
