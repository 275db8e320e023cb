"""Stage 3, pages: Jinja templates compiled once per process, not once per build.

Every build makes new Jinja environments (the generator's, and the theme's in
MkDocs), and an environment compiles each template it loads: half of the
build of a site of a few briefs, and a fixed cost in every rebuild under
``serve``. A :class:`CompiledTemplates` set as an environment's
``bytecode_cache`` keeps what it compiled for the rest of the process. Jinja
still reads each source and drops the kept code when the source's checksum
differs, so an edited template is compiled again. The code is kept in memory
only: the build cache on disk holds data, never code.

>>> from jinja2 import DictLoader, Environment
>>> environment = Environment(loader=DictLoader({"t": "{{ 1 + 1 }}"}), bytecode_cache=CompiledTemplates())
>>> environment.get_template("t").render()
'2'
"""

from __future__ import annotations

from types import CodeType

from jinja2 import Environment
from jinja2.bccache import Bucket, BytecodeCache

# What the compiled code of a template depends on besides its name, file and source.
_COMPILE_SETTINGS = (
    "block_start_string", "block_end_string", "variable_start_string", "variable_end_string", "comment_start_string",
    "comment_end_string", "line_statement_prefix", "line_comment_prefix", "trim_blocks", "lstrip_blocks",
    "newline_sequence", "keep_trailing_newline", "optimized", "is_async",
)

_kept: dict[str, tuple[str, CodeType]] = {}  # key: (source checksum, compiled code)


def _settings(environment: Environment) -> str:
    autoescape = environment.autoescape
    if callable(autoescape):
        autoescape = f"{getattr(autoescape, '__module__', '')}.{getattr(autoescape, '__qualname__', type(autoescape).__name__)}"
    settings = tuple(getattr(environment, name) for name in _COMPILE_SETTINGS)
    return repr((type(environment).__qualname__, settings, autoescape, sorted(environment.extensions)))


class CompiledTemplates(BytecodeCache):
    """A bytecode cache shared by every environment of the process with the same compile settings."""

    def get_bucket(self, environment: Environment, name: str, filename: str | None, source: str) -> Bucket:
        key = self.get_cache_key(f"{_settings(environment)}|{name}", filename)
        bucket = Bucket(environment, key, self.get_source_checksum(source))
        self.load_bytecode(bucket)
        return bucket

    def load_bytecode(self, bucket: Bucket) -> None:
        checksum, code = _kept.get(bucket.key, ("", None))
        if checksum == bucket.checksum:
            bucket.code = code

    def dump_bytecode(self, bucket: Bucket) -> None:
        if bucket.code is not None:
            _kept[bucket.key] = (bucket.checksum, bucket.code)
