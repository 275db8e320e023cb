"""Give Pagefind's filter files one byte order, so that equal sites get equal indexes.

Pagefind 1.5.2 writes each filter's values, and the list of filters in its
metadata file, in hash-map order, which changes from run to run (fixed
upstream after 1.5.2). The files are gzip over ``pagefind_dcd`` + CBOR made
of arrays, text and unsigned integers; this module decodes them, sorts those
two lists by name, and writes them back (under names from their new content)
with the metadata file and the entry file that name them.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
from pathlib import Path

SIGNATURE = b"pagefind_dcd"
UINT, TEXT, ARRAY = 0, 3, 4


def _decode(data: bytes, at: int = 0):
    major, info = data[at] >> 5, data[at] & 31
    at += 1
    if info < 24:
        value = info
    else:
        size = 1 << (info - 24)  # 24..27: a 1, 2, 4 or 8-byte length follows
        value, at = int.from_bytes(data[at : at + size], "big"), at + size
    if major == UINT:
        return value, at
    if major == TEXT:
        return data[at : at + value].decode("utf-8"), at + value
    if major == ARRAY:
        items = []
        for _ in range(value):
            item, at = _decode(data, at)
            items.append(item)
        return items, at
    raise ValueError(f"unexpected CBOR major type {major} in a Pagefind file")


def _head(major: int, value: int) -> bytes:
    if value < 24:
        return bytes([major << 5 | value])
    for info, size in ((24, 1), (25, 2), (26, 4), (27, 8)):
        if value < 1 << (8 * size):
            return bytes([major << 5 | info]) + value.to_bytes(size, "big")
    raise ValueError("integer too large")


def _encode(value) -> bytes:
    if isinstance(value, int):
        return _head(UINT, value)
    if isinstance(value, str):
        raw = value.encode("utf-8")
        return _head(TEXT, len(raw)) + raw
    return _head(ARRAY, len(value)) + b"".join(_encode(item) for item in value)


def read(path: Path):
    data = gzip.decompress(path.read_bytes())
    if not data.startswith(SIGNATURE):
        raise ValueError(f"{path} is not a Pagefind file")
    value, end = _decode(data, len(SIGNATURE))
    if end != len(data) or _encode(value) != data[len(SIGNATURE) :]:
        raise ValueError(f"{path} does not read back to the same bytes")
    return value


def write(folder: Path, language: str, suffix: str, value, name=lambda h: h) -> str:
    """Write ``value`` as ``{name(hash)}{suffix}`` in ``folder``; return the hash."""
    data = _encode(value)
    short = f"{language}_{hashlib.sha256(data).hexdigest()[: 10 if suffix == '.pf_meta' else 7]}"
    (folder / f"{name(short)}{suffix}").write_bytes(gzip.compress(SIGNATURE + data, compresslevel=9, mtime=0))
    return short


def canonicalise(bundle: Path) -> None:
    """Sort the filter values and the metadata's list of filters in the bundle, in place."""
    entry_path = bundle / "pagefind-entry.json"
    entry = json.loads(entry_path.read_text(encoding="utf-8"))
    for language, details in entry["languages"].items():
        meta_path = bundle / f"pagefind.{details['hash']}.pf_meta"
        meta = read(meta_path)
        filters = []
        for name, old_hash in meta[3]:
            old_path = bundle / "filter" / f"{old_hash}.pf_filter"
            key, values = read(old_path)
            os.unlink(old_path)
            filters.append([name, write(bundle / "filter", language, ".pf_filter", [key, sorted(values)])])
        meta[3] = sorted(filters)
        os.unlink(meta_path)
        details["hash"] = write(bundle, language, ".pf_meta", meta, name=lambda h: f"pagefind.{h}")
    entry_path.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
