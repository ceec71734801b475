"""Resolution: names from other sources matched to the graph's canonical places, actors and
target categories, each match saying how it was made."""
