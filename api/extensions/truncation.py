"""Nothing silently cut: every list a request answered short of what the graph holds (a
related list past its cap, an analysis at its `first`) is named in extensions.truncated, with
how many were shown, how many there are when known, and how to get the rest."""

from __future__ import annotations

from typing import Any

from strawberry.extensions import SchemaExtension


class TruncationNotice(SchemaExtension):
    def get_results(self) -> dict[str, Any]:
        context = self.execution_context.context
        truncated = getattr(context, "truncated", None)
        return {"truncated": truncated} if truncated else {}
