"""Keep the search text exact after tag writes (the data version is kept by database triggers)."""

from django.db.models.signals import m2m_changed, post_save

from .models import Actor, Tag
from .search import rebuild_search_text


def _actor_tags_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if action not in {"post_add", "post_remove", "post_clear"}:
        return
    if reverse:  # tag.actors.add(...): pk_set holds actors, unknown after a clear
        actors = Actor.objects.filter(pk__in=pk_set) if pk_set else Actor.objects.filter(tags=instance)
    else:
        actors = Actor.objects.filter(pk=instance.pk)
    rebuild_search_text(actors)


def _tag_saved(sender, instance, created, **kwargs):
    if not created:
        rebuild_search_text(Actor.objects.filter(tags=instance))


def connect():
    m2m_changed.connect(_actor_tags_changed, sender=Actor.tags.through, dispatch_uid="directory_search_tags")
    post_save.connect(_tag_saved, sender=Tag, dispatch_uid="directory_search_tag_saved")
