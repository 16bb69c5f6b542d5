"""Other things people may propose and moderate, registered by the apps above contributions.

Actors and relations are contributions' own subjects (the layers below it). An app higher up
(initiatives) registers a `Subject` in its `ready()`: how to read one by slug, snapshot it,
create, update and delete it through its own write path, where it lies (for scoped
moderation), how its values read and which form proposes it. Contributions then gives it the
same proposals, queue, moderation rules, history and reverts as actors, without importing it.

Registering also connects the subject's write signal to the history recorder, so every write
of that app's write path becomes a `Revision` keyed by (subject key, primary key).
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.core.checks import Error, register


@dataclass(frozen=True)
class Subject:
    """How contributions handles one kind of object it does not own.

    - `key`: short name in URLs and in the database ("initiative");
    - `model`: the model (with `slug`, `version` and `get_absolute_url`);
    - `label`, `new_label`, `change_label`: French (lazy) labels: the object, a proposal to
      create one, a proposal to change one;
    - `snapshot(obj) -> dict`, `fields`: the editable values, in display order;
    - `create(values, change) -> Write`, `update(obj, values, change) -> Write | None`,
      `delete(obj, change) -> Write`: the app's write path (raises ValidationError);
    - `signal`: what the write path sends after each write (sender=model, write=Write);
    - `territory(obj, payload) -> (department_id, region_id)`: for scoped moderation;
    - `field_label(name) -> str`, `display(name, value) -> str`: plain text for diffs;
    - `form_class`: a `ContributorFields` subclass with `values()` and `initial_from(snapshot)`.
    """

    key: str
    model: Any
    label: Any
    new_label: Any
    change_label: Any
    snapshot: Callable
    fields: tuple
    create: Callable
    update: Callable
    delete: Callable
    signal: Any
    territory: Callable
    field_label: Callable
    display: Callable
    form_class: Any

    def get(self, slug):
        return self.model.objects.filter(slug=slug).first()

    def name(self, obj):
        return str(obj)


_registry = {}


def register_subject(subject):
    """Register a subject (idempotent per key) and record its writes in the history."""
    from .recording import record_subject_write

    _registry[subject.key] = subject
    subject.signal.connect(
        record_subject_write(subject.key), sender=subject.model, weak=False, dispatch_uid=f"contributions.{subject.key}"
    )
    return subject


def get_subject(key):
    """The registered subject, or None."""
    return _registry.get(key)


def subjects():
    return list(_registry.values())


@register()
def check_subjects(app_configs=None, **kwargs):
    """A registered subject whose model lacks what contributions relies on fails at start-up."""
    errors = []
    for subject in _registry.values():
        names = {f.name for f in subject.model._meta.get_fields()}
        missing = [name for name in ("slug", "version") if name not in names]
        if missing:
            errors.append(
                Error(
                    f"Contribution subject {subject.key!r}: model {subject.model.__name__} "
                    f"has no {', '.join(missing)}.",
                    id="contributions.E001",
                )
            )
    return errors
