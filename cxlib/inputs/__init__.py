"""Inputs: from the client's files to validated, typed polars frames.

``config`` reads ``client.yaml``; ``schemas`` is the data contract; ``readers`` turn bytes on
disk into raw frames; ``validation`` types and checks them; ``loaders`` serve tables by
logical name. Transcripts, codebooks, REFI-QDA projects, XES logs and the coding journals
are read here too. Nothing in this wing imports analysis, presentation or running.
"""
