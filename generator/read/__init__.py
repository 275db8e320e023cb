"""Stage 1, read: the briefs folder as raw YAML documents, with their lines.

In: a folder of ``*.md`` briefs and ``*.yml`` registries (:mod:`.walk`). Out: a
:class:`~.load.RawCorpus` of :class:`~.load.Document` (front matter loaded by the
strict YAML reader, :mod:`.strict_yaml`) and a problem for each unreadable file.
Nothing is interpreted beyond text and YAML.
"""
