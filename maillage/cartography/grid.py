"""The map's grid: square cells of CELL_PIXELS on screen at each zoom, nested across zooms.

A cell at zoom z is 2**(BASE_ZOOM - z) base cells wide, so that
floor((lat + 90) / cell(z)) == floor(floor((lat + 90) / cell(BASE_ZOOM)) / 2**(BASE_ZOOM - z)):
low zooms are computed from base cells with integer division.
"""

import math

CELL_PIXELS = 64
BASE_ZOOM = 9


def cell_size(zoom):
    return 360.0 / (2**zoom) * CELL_PIXELS / 256


def base_index(latitude, longitude):
    cell = cell_size(BASE_ZOOM)
    return math.floor((latitude + 90.0) / cell), math.floor((longitude + 180.0) / cell)
