"""The staff erasure form."""

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _


class ErasureForm(forms.Form):
    email = forms.EmailField(label=_("Adresse électronique de la personne"), required=False)
    username = forms.CharField(label=_("ou son identifiant de compte"), required=False, max_length=150)

    def clean(self):
        data = super().clean()
        data["user"] = None
        if data.get("username"):
            User = get_user_model()
            data["user"] = User.objects.filter(**{User.USERNAME_FIELD: data["username"]}).first()
            if data["user"] is None:
                self.add_error("username", _("Aucun compte ne porte cet identifiant."))
        if not data.get("email") and not data.get("username"):
            raise forms.ValidationError(_("Indiquez une adresse électronique ou un identifiant de compte."))
        return data
