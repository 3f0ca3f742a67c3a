"""Reads archive exports, analyzes them and writes the Whoosh index."""
