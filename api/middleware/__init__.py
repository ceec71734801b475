"""ASGI middleware around the GraphQL view: one idea a module."""
