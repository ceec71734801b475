"""The facts-file format as JSON Schema, generated from the models."""

from __future__ import annotations

import json

from graph.domain.vocabulary import TARGET_CATEGORIES
from graph.ingest.facts.models import FactsFile


def facts_json_schema() -> str:
    schema = FactsFile.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "deedgraph facts file"
    schema["description"] = (
        "One source document's facts, each with the exact quotes that support it. "
        "Target categories: " + ", ".join(TARGET_CATEGORIES) + "."
    )
    return json.dumps(schema, indent=2, sort_keys=True) + "\n"
