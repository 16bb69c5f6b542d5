"""One seeded use of igraph's random generator at a time.

igraph draws from one process-wide generator (Python's `random` module by default). Code that
needs a reproducible result (a seeded layout, seeded community detection) installs its own seeded
generator for the duration of a call and puts the default back, under one lock shared by every
such caller, so that two threads cannot swap the generator under each other. Plain Python: no
Django import, usable by the pure diagnostics measures.
"""

import random
import threading
from contextlib import contextmanager

import igraph

_lock = threading.Lock()


@contextmanager
def seeded_igraph(seed):
    with _lock:
        igraph.set_random_number_generator(random.Random(seed))
        try:
            yield
        finally:
            igraph.set_random_number_generator(random)
