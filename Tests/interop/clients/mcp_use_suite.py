#!/usr/bin/env python3
"""mcp-use: `MCPClient` session over stdio (list, call every tool, invalid call, resources), and its
`LangChainAdapter` tools (an args model built from each inputSchema with jsonschema-pydantic, the path
`MCPAgent` uses), called with valid arguments and with the optional arguments as null.

usage: python mcp_use_suite.py [PATH/TO/stats-mcp]   (venv: requirements-mcp-use.txt)
"""
from __future__ import annotations

import asyncio
import sys
from importlib.metadata import version
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import (Adapter, Outcome, Runner, cleanup, describe, expect, make_target, no_child_left,  # noqa: E402
                    omitted_variants, server_pids, short, standard_scenario, timed_close, valid_args)

from mcp_use import MCPClient  # noqa: E402
from mcp_use.agents.adapters.langchain_adapter import LangChainAdapter  # noqa: E402

VERSION = version("mcp-use")


def outcome(result) -> Outcome:
    text = next((b.text for b in result.content if getattr(b, "type", None) == "text"), None)
    return Outcome(is_error=bool(result.isError), structured=result.structuredContent, text=text)


class SessionAdapter(Adapter):
    def __init__(self, session) -> None:
        self.s = session

    async def list_tools(self):
        return [{"name": x.name, "inputSchema": x.inputSchema} for x in await self.s.list_tools()]

    async def call(self, name, args):
        return outcome(await self.s.call_tool(name, args))

    async def list_resources(self):
        return [str(x.uri) for x in await self.s.list_resources()]

    async def read_resource(self, uri):
        return getattr((await self.s.read_resource(uri)).contents[0], "text", None)


async def main() -> None:
    r = Runner("mcp-use")
    t = make_target()
    label = f"mcp-use {VERSION} MCPClient"
    before = set(server_pids(t.binary))
    client = MCPClient.from_dict({"mcpServers": {"stats": {"command": t.command, "args": t.args, "env": t.env}}})
    session = await r.check(f"{label}: connect", client.create_session, "stats")
    try:
        if session is None:
            return
        tools = await standard_scenario(r, label, SessionAdapter(session), t)

        # The LangChain tools MCPAgent hands to the model.
        alabel = f"mcp-use {VERSION} LangChainAdapter"
        lc_tools = await r.check(f"{alabel}: create tools", LangChainAdapter().create_tools, client)
        for tool in lc_tools or []:
            connector = tool.tool_connector
            if not hasattr(connector, "_interop_wrapped"):
                original = connector.call_tool
                connector.last = None

                async def recording(name, arguments, *a, _orig=original, _c=connector, **kw):
                    _c.last = (name, dict(arguments or {}))
                    result = await _orig(name, arguments, *a, **kw)
                    _c.last = (name, dict(arguments or {}), result)
                    return result
                connector.call_tool = recording
                connector._interop_wrapped = True
            spec = tools.get(tool.name)
            if spec is None:
                r.fail(f"{alabel}: {tool.name}", "adapter tool for an unlisted tool")
                continue
            args = valid_args(spec, t)
            for vlabel, vargs in [("valid", args)] + omitted_variants(spec, args)[:1]:
                async def invoke(tool=tool, vargs=vargs, connector=connector):
                    connector.last = None
                    try:
                        out = await tool.ainvoke(vargs)
                    except Exception as e:  # noqa: BLE001
                        raise AssertionError(f"client-side failure before the call: {describe(e)}")
                    expect(connector.last is not None, f"never reached the server; the tool answered {short(out)}")
                    expect(len(connector.last) == 3, "the call raised in the connector")
                    sent, result = connector.last[1], connector.last[2]
                    o = outcome(result)
                    expect(not o.is_error, f"tool error for sent arguments {short(sent)}: {o.text}")
                    return sent
                sent = await r.check(f"{alabel}: ainvoke {tool.name} ({vlabel}) {short(vargs, 100)}", invoke)
                if sent is not None and sent != vargs:
                    print(f"  (mcp-use sent {short(sent, 200)} for {short(vargs, 200)})")
    except BaseException as e:  # noqa: BLE001
        r.fail("session crashed", describe(e))
    finally:
        await timed_close(r, label, client.close_all_sessions)
        await no_child_left(r, label, t, before)
        cleanup(t)
    r.finish()


if __name__ == "__main__":
    asyncio.run(main())
