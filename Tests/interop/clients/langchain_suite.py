#!/usr/bin/env python3
"""langchain-mcp-adapters: `MultiServerMCPClient` stdio session, `load_mcp_tools` (StructuredTools with
the inputSchema as args schema), `load_mcp_resources`; every tool invoked as a LangChain tool call, and
after `convert_to_openai_tool(tool, strict=True)` (every property required) with the optional arguments
sent as null and as "".

usage: python langchain_suite.py [PATH/TO/stats-mcp]   (venv: requirements-langchain.txt)
"""
from __future__ import annotations

import asyncio
import sys
from importlib.metadata import version
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import (Adapter, Outcome, Runner, cleanup, describe, expect, make_target, no_child_left,  # noqa: E402
                    server_pids, short, standard_scenario, timed_close, valid_args)

from langchain_core.utils.function_calling import convert_to_openai_tool  # noqa: E402
from langchain_mcp_adapters.client import MultiServerMCPClient  # noqa: E402
from langchain_mcp_adapters.resources import load_mcp_resources  # noqa: E402
from langchain_mcp_adapters.tools import load_mcp_tools  # noqa: E402

VERSION = version("langchain-mcp-adapters")
CORE = version("langchain-core")


def text_of(content) -> str | None:
    if isinstance(content, str):
        return content
    for block in content or []:
        if isinstance(block, dict) and block.get("type") == "text":
            return block.get("text")
        if isinstance(block, str):
            return block
    return None


class LangChainToolsAdapter(Adapter):
    def __init__(self, session, tools) -> None:
        self.session = session
        self.tools = {x.name: x for x in tools}
        self.blobs = None

    async def list_tools(self):
        # The args schema of each StructuredTool is the server's inputSchema.
        return [{"name": n, "inputSchema": x.args_schema if isinstance(x.args_schema, dict) else x.args}
                for n, x in self.tools.items()]

    async def call(self, name, args):
        msg = await self.tools[name].ainvoke({"type": "tool_call", "id": "call_1", "name": name, "args": args})
        artifact = msg.artifact if isinstance(msg.artifact, dict) else {}
        structured = artifact.get("structured_content") if artifact else None
        return Outcome(is_error=msg.status == "error", structured=structured, text=text_of(msg.content))

    async def list_resources(self):
        self.blobs = await load_mcp_resources(self.session)
        return [str(b.metadata.get("uri")) for b in self.blobs]

    async def read_resource(self, uri):
        blob = next(b for b in self.blobs if str(b.metadata.get("uri")) == uri)
        return blob.as_string()


async def main() -> None:
    r = Runner("langchain")
    t = make_target()
    label = f"langchain-mcp-adapters {VERSION} (langchain-core {CORE})"
    before = set(server_pids(t.binary))
    client = MultiServerMCPClient({"stats": {"transport": "stdio", "command": t.command, "args": t.args,
                                             "env": t.env}})
    cm = client.session("stats")
    session = await r.check(f"{label}: connect", cm.__aenter__)
    try:
        if session is None:
            return
        lc_tools = await r.check(f"{label}: load_mcp_tools", lambda: load_mcp_tools(session, server_name="stats"))
        if not lc_tools:
            return
        adapter = LangChainToolsAdapter(session, lc_tools)
        tools = await standard_scenario(r, label, adapter, t)

        for name, tool in tools.items():
            props = list((tool.get("inputSchema") or {}).get("properties") or {})

            async def strict_convert(name=name, props=props):
                fn = convert_to_openai_tool(adapter.tools[name], strict=True)["function"]
                expect(fn.get("strict") is True, f"not strict: {short(fn)}")
                req = fn["parameters"].get("required") or []
                expect(sorted(req) == sorted(props), f"required after conversion: {req}")

            await r.check(f"{label}: convert_to_openai_tool({name}, strict=True)", strict_convert)
            args = valid_args(tool, t)
            if len(args) == len(props):
                continue
            for vlabel, vargs in [("optional as null", {p: args.get(p) for p in props}),
                                  ("optional as \"\"", {p: args.get(p, "") for p in props})]:
                async def strict_call(name=name, vargs=vargs):
                    o = await adapter.call(name, vargs)
                    expect(not o.is_error, f"tool error: {o.text}")
                await r.check(f"{label}: strict-shaped call {name} ({vlabel})", strict_call)
    except BaseException as e:  # noqa: BLE001
        r.fail("session crashed", describe(e))
    finally:
        if session is not None:
            await timed_close(r, label, lambda: cm.__aexit__(None, None, None))
            await no_child_left(r, label, t, before)
        cleanup(t)
    r.finish()


if __name__ == "__main__":
    asyncio.run(main())
