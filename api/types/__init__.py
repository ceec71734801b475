"""The GraphQL types. The kinds of entity are imported here, so that every kind has
registered itself (Entity.__init_subclass__, api/types/build.py KINDS) whichever of these
modules is imported first."""

from api.types import deeds, kinds

__all__ = ["deeds", "kinds"]
