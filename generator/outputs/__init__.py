"""Stage 5, outputs: the files a site holds beside its pages.

In: the index and the staged site. Out: the search index (Pagefind), Atom feeds,
open data (JSON and CSV), the JSON Schemas and the build stamp, each written as a
new file into the staging folder. A new output kind is one module here.
"""
