"""Stage 2, check: raw documents against the schema and the registries.

In: a :class:`~generator.read.load.RawCorpus`. Out: the typed, immutable
:class:`~generator.model.Corpus` (bodies converted to sanitized HTML by :mod:`.body`)
and every problem found, each with its file and line. Every field is declared once
in :mod:`.schema`; :mod:`.json_schema` makes the editors' JSON Schemas from it.
"""
