"""Strawberry schema extensions, one a module."""
