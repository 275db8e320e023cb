"""Stage 0, configuration: every option of the generator, and the site's ``mkdocs.yml``.

In: the command's options and ``mkdocs.yml``. Out: :class:`~.options.Options`,
:class:`~.mkdocs_yml.SiteConfig` and the resolved :class:`~.site_url.SiteAddress`;
every problem in ``mkdocs.yml`` is an error with its line (:mod:`.yaml_nodes`).
"""
