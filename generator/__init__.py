"""briefing: compile Markdown briefs into a searchable static site.

The pipeline, one module a stage: :mod:`load` → :mod:`validate` → :mod:`index`
→ :mod:`render` → :mod:`build`, over the typed model in :mod:`model`.
"""

__version__ = "0.1.0"
