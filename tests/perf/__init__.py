"""Tests of the performance work of issue 9: caching, query shapes, static files."""
