"""igraph's process-wide generator, seeded for one call and put back."""

import random

import igraph

from maillage.core.igraph_random import seeded_igraph


def layout(graph, seed):
    with seeded_igraph(seed):
        return graph.layout_random().coords


def test_same_seed_gives_the_same_draws_and_another_seed_others():
    graph = igraph.Graph.Ring(20)
    assert layout(graph, 3) == layout(graph, 3)
    assert layout(graph, 3) != layout(graph, 4)


def test_default_generator_is_back_afterwards():
    graph = igraph.Graph.Ring(20)
    layout(graph, 3)
    random.seed(11)
    first = graph.layout_random().coords
    random.seed(11)
    assert graph.layout_random().coords == first
