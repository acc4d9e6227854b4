#!/usr/bin/env python3
"""openai-agents: `MCPServerStdio`, list tools, call every tool, also through the agent's function tools
built with `convert_schemas_to_strict=True` (every property required: a strict model sends every optional
argument, as null or ""; the server must take them as omitted, SPEC §4).

usage: python openai_agents_suite.py [PATH/TO/stats-mcp]   (venv: requirements-openai-agents.txt)
"""
from __future__ import annotations

import asyncio
import json
import sys
from importlib.metadata import version
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import (Adapter, Outcome, Runner, cleanup, describe, expect, make_target, no_child_left,  # noqa: E402
                    server_pids, short, standard_scenario, timed_close, valid_args)

from agents import Agent  # noqa: E402
from agents.mcp import MCPServerStdio, MCPUtil  # noqa: E402
from agents.run_context import RunContextWrapper  # noqa: E402
from agents.tool_context import ToolContext  # noqa: E402

VERSION = version("openai-agents")


class RecordingServer(MCPServerStdio):
    """Keeps the raw CallToolResult of the last call, so a function-tool call can be judged."""
    last: Any = None

    async def call_tool(self, tool_name, arguments, meta=None):  # type: ignore[override]
        self.last = None
        result = await super().call_tool(tool_name, arguments, meta=meta)
        self.last = (tool_name, arguments, result)
        return result


def outcome(result) -> Outcome:
    text = next((b.text for b in result.content if getattr(b, "type", None) == "text"), None)
    structured = getattr(result, "structured_content", None)
    if structured is None:
        structured = getattr(result, "structuredContent", None)
    is_error = getattr(result, "is_error", None)
    if is_error is None:
        is_error = getattr(result, "isError", None)
    return Outcome(is_error=bool(is_error), structured=structured, text=text)


class AgentsAdapter(Adapter):
    def __init__(self, server: RecordingServer) -> None:
        self.s = server

    async def list_tools(self):
        return [{"name": x.name, "inputSchema": getattr(x, "input_schema", None) or getattr(x, "inputSchema", None)}
                for x in await self.s.list_tools()]

    async def call(self, name, args):
        return outcome(await self.s.call_tool(name, args))

    async def list_resources(self):
        return [str(x.uri) for x in (await self.s.list_resources()).resources]

    async def read_resource(self, uri):
        return getattr((await self.s.read_resource(uri)).contents[0], "text", None)


async def main() -> None:
    r = Runner("openai-agents")
    t = make_target()
    label = f"openai-agents {VERSION} MCPServerStdio"
    before = set(server_pids(t.binary))
    server = RecordingServer(params={"command": t.command, "args": t.args, "env": t.env},
                             name="stats-mcp", cache_tools_list=True, client_session_timeout_seconds=30)
    connected = False

    async def connect():
        nonlocal connected
        await server.connect()
        connected = True

    try:
        await r.check(f"{label}: connect", connect)
        if not connected:
            return
        tools = await standard_scenario(r, label, AgentsAdapter(server), t)

        agent = Agent(name="interop", instructions="", mcp_servers=[server])
        ctx = RunContextWrapper(context=None)
        for strict in (False, True):
            flabel = f"{label} function tools (convert_schemas_to_strict={strict})"
            ftools = await r.check(f"{flabel}: build", MCPUtil.get_function_tools, server, strict, ctx, agent)
            if not ftools:
                continue
            for ft in ftools:
                tool = tools.get(ft.name)
                if tool is None:
                    r.fail(f"{flabel}: {ft.name}", "function tool for an unlisted tool")
                    continue
                props = list((tool.get("inputSchema") or {}).get("properties") or {})
                args = valid_args(tool, t)
                if strict:
                    async def converted(ft=ft, props=props):
                        expect(ft.strict_json_schema is True,
                               "strict conversion failed; the SDK fell back to the non-strict schema")
                        req = ft.params_json_schema.get("required") or []
                        expect(sorted(req) == sorted(props), f"required after conversion: {req}")
                    await r.check(f"{flabel}: {ft.name} converted (all {len(props)} properties required)", converted)
                    # What a strict model sends: every property; the optional ones as null, or as "".
                    sets = [("optional as null", {p: args.get(p) for p in props}),
                            ("optional as \"\"", {p: args.get(p, "") for p in props})]
                else:
                    sets = [("valid", args)]
                for vlabel, vargs in sets:
                    async def invoke(ft=ft, vargs=vargs):
                        server.last = None
                        payload = json.dumps(vargs)
                        tctx = ToolContext(context=None, tool_name=ft.name, tool_call_id="call_1",
                                           tool_arguments=payload, agent=agent)
                        out = await ft.on_invoke_tool(tctx, payload)
                        expect(server.last is not None and server.last[0] == ft.name,
                               f"the call never reached the server; the tool answered {short(out, 300)}")
                        o = outcome(server.last[2])
                        expect(not o.is_error, f"tool error: {o.text}")
                        parsed = json.loads(o.text or "null")
                        expect(isinstance(parsed, dict), f"not a JSON object: {short(o.text)}")
                    await r.check(f"{flabel}: invoke {ft.name} ({vlabel}) {short(vargs, 100)}", invoke)
    except BaseException as e:  # noqa: BLE001
        r.fail("session crashed", describe(e))
    finally:
        if connected:
            await timed_close(r, label, server.cleanup)
            await no_child_left(r, label, t, before)
        cleanup(t)
    r.finish()


if __name__ == "__main__":
    asyncio.run(main())
