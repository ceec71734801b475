"""The domain in plain Python, with no database: vocabularies, time bounds, time zones."""
