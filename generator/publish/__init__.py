"""Stage 6, publish: the built site put in place whole, and what the next build reuses.

In: a staged site. Out: ``--out`` replaced in one atomic swap under a lock
(:mod:`.publish`, :mod:`.lock`), with its manifest (:mod:`.manifest`); the cache
beside it (:mod:`.cache`, :mod:`.parsed_cache`) says what an edit must rebuild.
"""
