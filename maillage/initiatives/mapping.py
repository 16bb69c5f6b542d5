"""Initiatives at their territory, as GeoJSON: the map layer of the catalogue (same filters).

A commune is placed at its own coordinates; a département or a région, which the gazetteer
stores without coordinates, at the mean position of its communes, marked `approximate` (the
map and its list say so). An initiative with several territories has one point per territory;
one with none is not on the map (the list says how many).
"""

from django.db.models import Avg

from maillage.territories.models import Commune

from .reading import published


def _centres(level, codes):
    """{code: (lat, lon, name)} of départements or régions: the mean of their communes' positions."""
    if not codes:
        return {}
    prefix = "department" if level == "departments" else "department__region"
    rows = (
        Commune.objects.filter(**{f"{prefix}__code__in": codes}, latitude__isnull=False)
        .values(f"{prefix}__code", f"{prefix}__name")
        .annotate(lat=Avg("latitude"), lon=Avg("longitude"))
    )
    return {row[f"{prefix}__code"]: (row["lat"], row["lon"], row[f"{prefix}__name"]) for row in rows}


def feature_collection(initiatives):
    """(GeoJSON FeatureCollection, number of initiatives without a located territory)."""
    initiatives = list(initiatives)
    wanted = {
        level: {item.code for i in initiatives for item in getattr(i, level).all()}
        for level in ("departments", "regions")
    }
    centres = {level: _centres(level, codes) for level, codes in wanted.items()}
    features, unlocated = [], 0
    for initiative in initiatives:
        points = [
            (c.latitude, c.longitude, c.name, c.code, False)
            for c in initiative.communes.all()
            if c.latitude is not None
        ]
        for level in ("departments", "regions"):
            for item in getattr(initiative, level).all():
                if item.code in centres[level]:
                    lat, lon, name = centres[level][item.code]
                    points.append((lat, lon, name, item.code, True))
        if not points:
            unlocated += 1
        for lat, lon, name, code, approximate in points:
            features.append(
                {
                    "type": "Feature",
                    "geometry": {"type": "Point", "coordinates": [round(lon, 5), round(lat, 5)]},
                    "properties": {
                        "slug": initiative.slug,
                        "title": initiative.title,
                        "url": initiative.get_absolute_url(),
                        "territory": name,
                        "code": code,
                        "approximate": approximate,
                        "types": [row.get_code_display() for row in initiative.type_rows.all()],
                    },
                }
            )
    return {"type": "FeatureCollection", "features": features}, unlocated


def by_territory(collection):
    """The features' properties grouped by place: [((territory, code, approximate), [properties…])], by name."""
    groups = {}
    for feature in collection["features"]:
        props = feature["properties"]
        groups.setdefault((props["territory"], props["code"], props["approximate"]), []).append(props)
    return sorted(groups.items(), key=lambda item: item[0][0])


def list_context(filters):
    """What the list of the map (its text alternative) shows: initiatives by territory, and how many are not located."""
    collection, unlocated = feature_collection(published(filters))
    return {"filters": filters, "territories": by_territory(collection), "unlocated": unlocated}
