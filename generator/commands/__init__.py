"""The commands: one module per ``briefing`` verb, over the pipeline in :mod:`generator.build`.

In: the parsed command line (:mod:`generator.cli`). Out: an exit code, the problems
printed for people, GitHub or tools (:mod:`.report`), and the demo corpus
(:mod:`.demo_corpus`) for tests and the benchmark.
"""
