"""The outside faces of a store: the command line (``cli``), the exports (``export``) and the one
JSON projection of each record they share (``projections``), thin layers over the core API.

Nothing here is imported with the package: ``storyline.serve.export`` needs no terminal library,
and none of them imports spaCy.
"""
