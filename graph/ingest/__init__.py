"""Bringing data in: facts files, ACLED exports, the synthetic world and API writes."""
