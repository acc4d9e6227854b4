#!/usr/bin/env python3
"""Every inputSchema the server lists passes the model providers' schema conversions (issue 11, SPEC §5 intro).

For each tool of `tools/list` (read straight from the server over stdio, so new tools are covered):
- the SPEC §5 rules: root `type: object`, `additionalProperties: false`; every property has exactly one
  JSON `type` (a string, not a list); no `oneOf`/`anyOf`/`allOf` anywhere; every id property (a name
  ending in `id`/`Id`/`_ids`, or `owner`) carries a `pattern`; `required` names declared properties;
- Anthropic: `anthropic.transform_schema` (the strict-tool transform of the SDK) runs without error or
  warning and keeps every property with one type and the `required` list;
- Gemini: `google.genai.types.Schema.from_json_schema` for both GEMINI_API and VERTEX_AI, with
  `raise_error_on_unsupported_field=True`, runs without error or warning and keeps every property;
- OpenAI: `agents.strict_schema.ensure_strict_json_schema` (what openai-agents' `convert_schemas_to_strict`
  and langchain's `strict=True` use) runs without error; every property is then required.
A failure names the tool and the property. A canary (a revision-1 style type-list property) must be
rejected, so the checks are shown to be able to fail.

usage: python schema_suite.py [PATH/TO/stats-mcp]   (venv: requirements-schema.txt)
"""
from __future__ import annotations

import copy
import json
import logging
import sys
import warnings
from importlib.metadata import version
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import Runner, cleanup, list_tools_raw, make_target  # noqa: E402

import anthropic  # noqa: E402
from agents.strict_schema import ensure_strict_json_schema  # noqa: E402
from google.genai import types as gtypes  # noqa: E402

VERSIONS = {p: version(p) for p in ("anthropic", "google-genai", "openai-agents")}


class Captured(logging.Handler):
    """Warnings a converter logs (google-genai logs some through `logging`)."""
    def __init__(self) -> None:
        super().__init__(level=logging.WARNING)
        self.records: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(f"{record.name}: {record.getMessage()}")


def quiet_call(fn, *args, **kwargs) -> tuple[Any, list[str]]:
    """Run fn; return (value, warnings raised or logged). Exceptions propagate."""
    handler = Captured()
    root = logging.getLogger()
    root.addHandler(handler)
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            value = fn(*args, **kwargs)
    finally:
        root.removeHandler(handler)
    return value, [f"{w.category.__name__}: {w.message}" for w in caught] + handler.records


def is_id_property(name: str) -> bool:
    return name == "id" or name.endswith("Id") or name.endswith("_id") or name.endswith("_ids") or name == "owner"


def spec_problems(schema: dict) -> list[str]:
    problems = []
    if schema.get("type") != "object":
        problems.append(f"root type is {schema.get('type')!r}, not 'object'")
    if schema.get("additionalProperties") is not False:
        problems.append("root additionalProperties is not false")
    props = schema.get("properties") or {}
    for req in schema.get("required") or []:
        if req not in props:
            problems.append(f"required {req!r} is not a declared property")

    def walk(node: Any, path: str) -> None:
        if isinstance(node, dict):
            for k in ("oneOf", "anyOf", "allOf"):
                if k in node:
                    problems.append(f"{path}: uses {k}")
            for k, v in node.items():
                walk(v, f"{path}.{k}")
        elif isinstance(node, list):
            for i, v in enumerate(node):
                walk(v, f"{path}[{i}]")
    walk(schema, "$")

    for name, ps in props.items():
        typ = ps.get("type") if isinstance(ps, dict) else None
        if not isinstance(typ, str):
            problems.append(f"property {name!r}: type is {typ!r}, not exactly one JSON type")
            continue
        if typ == "array":
            it = ps.get("items")
            if not isinstance(it, dict) or not isinstance(it.get("type"), str):
                problems.append(f"property {name!r}: items need exactly one JSON type")
        if is_id_property(name):
            target = ps.get("items", {}) if typ == "array" else ps
            if typ not in ("string", "array") or not target.get("pattern"):
                problems.append(f"property {name!r}: an id property without a string pattern")
    return problems


def anthropic_problems(schema: dict) -> list[str]:
    try:
        out, warned = quiet_call(anthropic.transform_schema, copy.deepcopy(schema))
    except Exception as e:  # noqa: BLE001
        return [f"transform_schema raised {type(e).__name__}: {e}"]
    problems = [f"warning: {w}" for w in warned]
    props = schema.get("properties") or {}
    got = out.get("properties") or {}
    for name, ps in props.items():
        if name not in got:
            problems.append(f"property {name!r} dropped")
            continue
        g = got[name]
        if "enum" not in g and not isinstance(g.get("type"), str):
            problems.append(f"property {name!r}: transformed without one type: {g}")
    if sorted(out.get("required") or []) != sorted(schema.get("required") or []):
        problems.append(f"required changed: {schema.get('required')} -> {out.get('required')}")
    return problems


def gemini_problems(schema: dict) -> list[str]:
    problems = []
    props = schema.get("properties") or {}
    for option in ("GEMINI_API", "VERTEX_AI"):
        def convert():
            js = gtypes.JSONSchema.model_validate(copy.deepcopy(schema))
            return gtypes.Schema.from_json_schema(json_schema=js, api_option=option,
                                                  raise_error_on_unsupported_field=True)
        try:
            out, warned = quiet_call(convert)
        except Exception as e:  # noqa: BLE001
            problems.append(f"{option}: from_json_schema raised {type(e).__name__}: {' '.join(str(e).split())[:300]}")
            continue
        problems += [f"{option}: warning: {w}" for w in warned]
        got = out.properties or {}
        for name, ps in props.items():
            if name not in got:
                problems.append(f"{option}: property {name!r} dropped")
            elif got[name].type is None:
                problems.append(f"{option}: property {name!r} has no type after conversion")
            elif got[name].any_of:
                problems.append(f"{option}: property {name!r} became anyOf")
        if sorted(out.required or []) != sorted(schema.get("required") or []):
            problems.append(f"{option}: required changed: {schema.get('required')} -> {out.required}")
    return problems


def openai_problems(schema: dict) -> list[str]:
    try:
        out, warned = quiet_call(ensure_strict_json_schema, copy.deepcopy(schema))
    except Exception as e:  # noqa: BLE001
        return [f"ensure_strict_json_schema raised {type(e).__name__}: {e}"]
    problems = [f"warning: {w}" for w in warned]
    props = schema.get("properties") or {}
    missing = [p for p in props if p not in (out.get("required") or [])]
    if missing:
        problems.append(f"properties not required after strict conversion: {missing}")
    for name in props:
        if not isinstance((out.get("properties") or {}).get(name, {}).get("type"), str):
            problems.append(f"property {name!r}: no single type after strict conversion")
    if out.get("additionalProperties") is not False:
        problems.append("additionalProperties is not false after strict conversion")
    return problems


CHECKS = [
    ("SPEC §5 one type per property, id patterns", spec_problems),
    (f"Anthropic transform_schema (anthropic {VERSIONS['anthropic']})", anthropic_problems),
    (f"Gemini Schema.from_json_schema (google-genai {VERSIONS['google-genai']})", gemini_problems),
    (f"OpenAI strict conversion (openai-agents {VERSIONS['openai-agents']} ensure_strict_json_schema)", openai_problems),
]

CANARY = {  # revision 1's workspace_id: a type list and no pattern
    "type": "object",
    "properties": {"workspace_id": {"type": ["integer", "string"], "description": "id or ALL"}},
    "additionalProperties": False,
}


def main() -> None:
    r = Runner("schemas")
    t = make_target()
    try:
        tools = list_tools_raw(t)
        if len(tools) < 11:
            r.fail("tools/list", f"only {len(tools)} tools")
        print(f"  ({len(tools)} tools; {', '.join(f'{k} {v}' for k, v in VERSIONS.items())})")
        for label, fn in CHECKS:
            bad = fn(CANARY)
            if bad:
                r.ok(f"canary rejected by {label} ({bad[0][:80]})")
            elif fn is spec_problems:
                r.fail(f"canary rejected by {label}", "a type-list property passed the check")
            else:
                # Converters that accept the type list: only the SPEC check must catch it.
                print(f"  (note: {label} accepts a type-list property)")
        for tool in tools:
            schema = tool.get("inputSchema") or {}
            for label, fn in CHECKS:
                problems = fn(schema)
                name = f"{tool['name']}: {label}"
                if problems:
                    r.fail(name, "; ".join(problems))
                else:
                    r.ok(name)
        # Informational: under OpenAI strict mode (which enforces enum and pattern) every property is
        # required and none is nullable, so for these optional enum/pattern properties a model cannot send "" or null:
        # it must pick a real value (a filter it may not want).
        for tool in tools:
            schema = tool.get("inputSchema") or {}
            req = set(schema.get("required") or [])
            stuck = [p for p, ps in (schema.get("properties") or {}).items()
                     if p not in req and ("enum" in ps or "pattern" in ps)]
            if stuck:
                print(f"  (strict-mode note: {tool['name']}: optional {stuck} take no \"\"/null under OpenAI strict)")
    except Exception as e:  # noqa: BLE001
        r.fail("schema suite crashed", f"{type(e).__name__}: {e}")
    finally:
        cleanup(t)
    r.finish()


if __name__ == "__main__":
    main()
