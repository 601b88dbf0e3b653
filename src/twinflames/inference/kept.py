"""An answer of the filter as bytes, so a later process can carry on from it with
:func:`~twinflames.inference.update` instead of replaying the whole journal.

The answer's objects are written as JSON and their arrays as one compressed ``.npz`` (no
pickle: nothing in the bytes can run code when read), and read back only into the inference's
own classes; an array or object met twice is written once and read back as one. The
bytes also hold a digest of the code that made them: after an upgrade (or any change to the
model, the engine or the inference) they no longer read, and the journal is replayed whole.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import importlib
import io
import json
import zipfile
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np

from .result import InferenceResult

PACKAGE = Path(__file__).resolve().parents[1]  # src/twinflames
CODE = ("inference", "engine", "model", "_jit.py")  # what an answer depends on
OURS = "twinflames.inference."


@cache
def code_digest() -> str:
    """A digest of the source the filter runs (the model, the engine and the inference)."""
    h = hashlib.sha256()
    for part in CODE:
        files = [PACKAGE / part] if part.endswith(".py") else sorted(
            (PACKAGE / part).rglob("*.py"))
        for f in files:
            h.update(str(f.relative_to(PACKAGE)).encode() + b"\0" + f.read_bytes())
    return h.hexdigest()


def dumps(result: InferenceResult) -> bytes:
    """The answer as bytes (see the module's docstring)."""
    arrays: dict[str, np.ndarray] = {}
    graph = _encode(result, arrays, {})
    header = json.dumps({"code": code_digest(), "graph": graph}).encode()
    out = io.BytesIO()
    np.savez_compressed(out, header=np.frombuffer(header, np.uint8), **arrays)
    return out.getvalue()


def loads(data: bytes) -> InferenceResult | None:
    """The answer written by :func:`dumps`, or None when it was made by other code or the bytes
    do not read as one."""
    try:
        with np.load(io.BytesIO(data), allow_pickle=False) as npz:
            header = json.loads(npz["header"].tobytes())
            if header.get("code") != code_digest():
                return None
            arrays = {k: npz[k] for k in npz.files if k != "header"}
        result = _decode(header["graph"], arrays, {})
    except (ValueError, KeyError, TypeError, AttributeError, OSError, ImportError, EOFError,
            zipfile.BadZipFile):
        return None
    return result if isinstance(result, InferenceResult) else None


def _encode(obj: Any, arrays: dict[str, np.ndarray], seen: dict[int, tuple[int, Any]]) -> Any:
    # ``seen`` holds each object with its number, so no id is reused while encoding
    if obj is None or isinstance(obj, (bool, int, float, str)):
        return obj
    if id(obj) in seen:
        return {"same": seen[id(obj)][0]}
    if isinstance(obj, np.ndarray):
        name = f"a{len(arrays)}"
        arrays[name] = obj
        seen[id(obj)] = (len(seen), obj)
        return {"array": name, "id": seen[id(obj)][0]}
    if isinstance(obj, np.generic):
        return {"scalar": obj.dtype.str, "value": obj.item()}
    if isinstance(obj, dt.date):
        return {"date": obj.isoformat()}
    if isinstance(obj, np.random.Generator):
        return {"generator": _encode(obj.bit_generator.state, arrays, seen)}
    if isinstance(obj, (list, tuple, set)):
        kind = type(obj).__name__
        return {kind: [_encode(v, arrays, seen) for v in obj]}
    if isinstance(obj, dict):
        return {"dict": [[_encode(k, arrays, seen), _encode(v, arrays, seen)]
                         for k, v in obj.items()]}
    cls = type(obj)
    if cls.__module__.startswith(OURS) and hasattr(obj, "__dict__"):
        seen[id(obj)] = (len(seen), obj)
        return {"object": f"{cls.__module__}:{cls.__qualname__}", "id": seen[id(obj)][0],
                "fields": _encode(vars(obj), arrays, seen)}
    raise TypeError(f"cannot keep a {cls.__module__}.{cls.__qualname__}")


def _decode(node: Any, arrays: dict[str, np.ndarray], seen: dict[int, Any]) -> Any:
    if not isinstance(node, dict):
        return node
    if "same" in node:
        return seen[node["same"]]
    if "array" in node:
        seen[node["id"]] = arrays[node["array"]]
        return seen[node["id"]]
    if "scalar" in node:
        return np.dtype(node["scalar"]).type(node["value"])
    if "date" in node:
        return dt.date.fromisoformat(node["date"])
    if "generator" in node:
        state = _decode(node["generator"], arrays, seen)
        bit_generator = getattr(np.random, state["bit_generator"])()
        bit_generator.state = state
        return np.random.Generator(bit_generator)
    for kind, make in (("list", list), ("tuple", tuple), ("set", set)):
        if kind in node:
            return make(_decode(v, arrays, seen) for v in node[kind])
    if "dict" in node:
        return {_decode(k, arrays, seen): _decode(v, arrays, seen) for k, v in node["dict"]}
    module, _, name = node["object"].partition(":")
    if not module.startswith(OURS):
        raise TypeError(f"not one of the inference's classes: {node['object']}")
    cls = importlib.import_module(module)
    for part in name.split("."):
        cls = getattr(cls, part)
    obj = object.__new__(cls)
    seen[node["id"]] = obj  # before its fields: they may point back to it
    obj.__dict__.update(_decode(node["fields"], arrays, seen))
    return obj
