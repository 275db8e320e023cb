"""briefing: compile Markdown briefs into a searchable static site.

The pipeline reads from the tree, one subpackage a stage (:mod:`generator.build`
tells it in order); each stage imports only from the stages before it:

- :mod:`~generator.config`: the options and the site's ``mkdocs.yml``;
- :mod:`~generator.read`: the briefs folder as raw YAML documents;
- :mod:`~generator.check`: documents checked into the typed model;
- :mod:`~generator.pages`: the model grouped and rendered as Markdown pages;
- :mod:`~generator.engines`: MkDocs or Zensical turns pages into HTML;
- :mod:`~generator.outputs`: search index, feeds, data files beside the pages;
- :mod:`~generator.publish`: the site put in place whole, and the cache;
- :mod:`~generator.commands`: what ``briefing`` runs (:mod:`generator.cli`).

Under all of them: :mod:`~generator.model` (the types), :mod:`~generator.urls`
(every address) and :mod:`~generator.errors`.
"""

__version__ = "0.1.0"
