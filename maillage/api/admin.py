"""Partner tokens in the admin: create (the secret is shown once), scope, revoke, see the last use."""

from django import forms
from django.contrib import admin, messages
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from maillage.territories.models import Commune

from .models import PartnerToken


class PartnerTokenForm(forms.ModelForm):
    commune_codes = forms.CharField(
        label=_("Communes (codes INSEE)"),
        required=False,
        help_text=_("Séparés par des espaces ou des virgules, ex. : 63113 63124."),
    )

    class Meta:
        model = PartnerToken
        fields = ["name", "user", "regions", "departments"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["commune_codes"].initial = " ".join(self.instance.communes.values_list("code", flat=True))

    def clean_commune_codes(self):
        codes = sorted({c.upper() for c in self.cleaned_data["commune_codes"].replace(",", " ").split()})
        found = dict(Commune.objects.filter(code__in=codes).values_list("code", "pk"))
        unknown = [c for c in codes if c not in found]
        if unknown:
            raise forms.ValidationError(_("Codes INSEE inconnus : %(codes)s.") % {"codes": ", ".join(unknown)})
        return list(found.values())


@admin.register(PartnerToken)
class PartnerTokenAdmin(admin.ModelAdmin):
    form = PartnerTokenForm
    list_display = ("name", "user", "lookup", "created_at", "last_used_at", "revoked_at")
    list_filter = ("revoked_at",)
    search_fields = ("name", "lookup", "user__username")
    readonly_fields = ("lookup", "created_at", "last_used_at", "revoked_at")
    filter_horizontal = ("regions", "departments")
    actions = ["revoke"]

    def save_model(self, request, obj, form, change):
        secret = None if change else obj.set_new_secret()
        obj.save()
        if secret:
            messages.warning(
                request,
                _("Jeton créé. Copiez-le maintenant, il ne sera plus jamais affiché : %(secret)s") % {"secret": secret},
            )

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        form.instance.communes.set(form.cleaned_data.get("commune_codes") or [])

    @admin.action(description=_("Révoquer les jetons choisis"))
    def revoke(self, request, queryset):
        count = queryset.filter(revoked_at__isnull=True).update(revoked_at=timezone.now())
        self.message_user(request, _("%(n)d jeton(s) révoqué(s).") % {"n": count}, messages.SUCCESS)
