"""Form widgets for choosing actors."""

from django import forms


class ActorPicker(forms.Select):
    """Choose an actor by typing part of its name.

    Without JavaScript it is the plain <select> of every actor (a form always works);
    dist/suggest.js replaces it on screen with the accessible ARIA 1.2 combobox of the
    search boxes, fed by /acteurs/suggestions/, and keeps the hidden <select> as the
    submitted value (only actors the <select> offers can be picked). Used with a
    ModelChoiceField whose `to_field_name` is "slug".
    """

    template_name = "directory/widgets/actor_picker.html"

    def __init__(self, attrs=None, choices=(), include_disappeared=True):
        super().__init__(attrs, choices)
        self.include_disappeared = include_disappeared

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["include_disappeared"] = self.include_disappeared
        return context
