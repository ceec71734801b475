"""The GraphQL schema and the HTTP application."""
