"""Stages that run on the built site, after MkDocs and before it replaces ``--out``."""
