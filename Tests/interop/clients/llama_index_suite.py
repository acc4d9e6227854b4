#!/usr/bin/env python3
"""llama-index-tools-mcp: `BasicMCPClient` (stdio; it starts one server process per request) and
`McpToolSpec.to_tool_list_async()` (FunctionTools with a pydantic args model built from each
inputSchema). Every call's arguments are first validated by that args model, as an agent does before
calling, then sent with `FunctionTool.acall`.

usage: python llama_index_suite.py [PATH/TO/stats-mcp]   (venv: requirements-llama-index.txt)
"""
from __future__ import annotations

import asyncio
import json
import sys
from importlib.metadata import version
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import (Adapter, Outcome, Runner, cleanup, describe, expect, make_target, no_child_left,  # noqa: E402
                    server_pids, short, standard_scenario)

from llama_index.tools.mcp import BasicMCPClient, McpToolSpec  # noqa: E402

VERSION = version("llama-index-tools-mcp")
CORE = version("llama-index-core")


class LlamaAdapter(Adapter):
    def __init__(self, client: BasicMCPClient) -> None:
        self.client = client
        self.tools: dict = {}
        self.refused: dict[str, list[str]] = {}

    async def list_tools(self):
        listed = (await self.client.list_tools()).tools
        self.tools = {x.metadata.name: x for x in await McpToolSpec(client=self.client).to_tool_list_async()}
        expect(set(self.tools) == {x.name for x in listed}, "McpToolSpec tools differ from tools/list")
        for name, tool in self.tools.items():
            params = tool.metadata.get_parameters_dict()
            for prop, ps in (params.get("properties") or {}).items():
                expect("type" in ps or "anyOf" in ps or "enum" in ps or "$ref" in ps or "allOf" in ps,
                       f"{name}.{prop}: no type in the schema shown to the model: {ps}")
        return [{"name": x.name, "inputSchema": getattr(x, "input_schema", None) or getattr(x, "inputSchema", None)} for x in listed]

    async def call(self, name, args):
        tool = self.tools[name]
        try:
            tool.metadata.fn_schema.model_validate(args)
        except Exception as e:  # noqa: BLE001
            raise AssertionError(f"client-side validation rejected {short(args)}: {' '.join(str(e).split())[:300]}")
        out = await tool.acall(**args)
        raw = out.raw_output
        expect(hasattr(raw, "content"), f"no CallToolResult from the tool: {short(str(out), 300)}")
        text = next((b.text for b in raw.content if getattr(b, "type", None) == "text"), None)
        return Outcome(is_error=bool(getattr(raw, "is_error", getattr(raw, "isError", None))),
                       structured=getattr(raw, "structured_content", getattr(raw, "structuredContent", None)), text=text)

    def variants(self, tool, args):
        """Only what a model following llama-index's own args schema can send: null where that schema
        shows `anyOf[T, null]`. For a property with a `default` the args model is `T = default`
        and rejects null and "" before the call (client behaviour, see docs/INTEROP.md)."""
        shown = self.tools[tool["name"]].metadata.get_parameters_dict().get("properties") or {}
        nullable = [p for p, ps in shown.items() if p not in args
                    and any(x.get("type") == "null" for x in ps.get("anyOf", []))]
        refused = [p for p in shown if p not in args and p not in nullable]
        if refused:
            self.refused.setdefault(tool["name"], refused)
        return [("nullable optional as null", {**args, **{p: None for p in nullable}})] if nullable else []

    async def list_resources(self):
        return [str(x.uri) for x in (await self.client.list_resources()).resources]

    async def read_resource(self, uri):
        return getattr((await self.client.read_resource(uri)).contents[0], "text", None)


async def main() -> None:
    r = Runner("llama-index")
    t = make_target()
    label = f"llama-index-tools-mcp {VERSION} (llama-index-core {CORE})"
    before = set(server_pids(t.binary))
    try:
        client = BasicMCPClient(t.command, args=t.args, env=t.env, timeout=30)
        adapter = LlamaAdapter(client)
        await standard_scenario(r, label, adapter, t)
        for name, props in adapter.refused.items():
            r.note(f"{name}: the args model refuses null/\"\" for {props} (properties with a `default` become non-nullable `T = default` fields)")
    except BaseException as e:  # noqa: BLE001
        r.fail("session crashed", describe(e))
    finally:
        # Each request ran in its own server process, closed when it was answered.
        await no_child_left(r, label, t, before)
        cleanup(t)
    r.finish()


if __name__ == "__main__":
    asyncio.run(main())
