"""The one error every stage may raise: the site could not be built.

    >>> raise BuildError("mkdocs build failed: …")
    Traceback (most recent call last):
    generator.errors.BuildError: mkdocs build failed: …
"""


class BuildError(Exception):
    """The site could not be built; the message says why, the old site is untouched."""
