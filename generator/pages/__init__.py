"""Stage 3, pages: the checked model grouped for every index and rendered as Markdown.

In: a :class:`~generator.model.Corpus`. Out: :class:`~.index.SiteIndex` (briefs by
actor, round, topic, year, publisher) and each page's text, keyed by its path
(:mod:`.render`, from the Jinja2 templates in ``site_templates/``), with the parts
pages share: navigation, timeline, positions, related briefs, share tags.
"""
