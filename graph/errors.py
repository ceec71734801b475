"""Errors whose message is written for the person who ran the command or sent the request."""

from __future__ import annotations


class DeedgraphError(Exception):
    """Base class: the message is safe to show to a user as it is."""


class ConfigError(DeedgraphError):
    """A setting has a value that cannot be used."""


class ServerError(DeedgraphError):
    """The managed Neo4j could not be fetched, started or stopped."""


class UnavailableError(DeedgraphError):
    """Neo4j cannot be reached right now."""


class QueryTimeoutError(DeedgraphError):
    """A query ran longer than its time limit and was stopped by the server."""


class NotFoundError(DeedgraphError):
    """Nothing has the id that was asked for."""
