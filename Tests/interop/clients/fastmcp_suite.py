#!/usr/bin/env python3
"""fastmcp 4.x `Client` over stdio, in its `legacy` (initialize handshake) and `auto` (server/discover
probe, 2026-07-28 when the server answers it) modes.

usage: python fastmcp_suite.py [PATH/TO/stats-mcp]   (venv: requirements-fastmcp.txt)
"""
from __future__ import annotations

import asyncio
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import (Adapter, Outcome, Runner, Target, cleanup, describe, expect, make_target,  # noqa: E402
                    no_child_left, server_pids, standard_scenario, timed_close)

import fastmcp  # noqa: E402
from fastmcp import Client  # noqa: E402
from fastmcp.client.transports import StdioTransport  # noqa: E402


class FastMCPAdapter(Adapter):
    def __init__(self, client: Client) -> None:
        self.c = client

    async def list_tools(self):
        return [{"name": x.name, "inputSchema": x.input_schema} for x in await self.c.list_tools()]

    async def call(self, name, args):
        res = await self.c.call_tool(name, args, raise_on_error=False, timeout=30)
        text = next((b.text for b in res.content if getattr(b, "type", None) == "text"), None)
        return Outcome(is_error=bool(res.is_error), structured=res.structured_content, text=text)

    async def list_resources(self):
        return [str(x.uri) for x in await self.c.list_resources()]

    async def read_resource(self, uri):
        contents = await self.c.read_resource(uri)
        return getattr(contents[0], "text", None)


async def session(r: Runner, mode: str, t: Target) -> None:
    label = f"fastmcp {fastmcp.__version__} mode={mode}"
    before = set(server_pids(t.binary))
    transport = StdioTransport(command=t.command, args=t.args, env=t.env, keep_alive=False,
                               log_file=Path(t.workdir) / f"stderr-{mode}.log")
    client = Client(transport, mode=mode, init_timeout=30, timeout=30)
    entered = False

    async def connect():
        nonlocal entered
        await client.__aenter__()
        entered = True
        expect(client.is_connected(), "not connected")
        version = getattr(client, "protocol_version", None)
        print(f"  ({label}: negotiated protocol {version})")
        # SPEC §7.3: the server answers server/discover, so auto negotiates the stateless era.
        want = "2026-07-28" if mode == "auto" else "2025-11-25"
        expect(version == want, f"negotiated {version!r}, expected {want!r}")

    await r.check(f"{label}: connect", connect)
    if not entered:
        return
    try:
        if mode == "legacy":  # ping does not exist in the 2026-07-28 era (SPEC §7.3)
            await r.check(f"{label}: ping", lambda: client.ping())
        await standard_scenario(r, label, FastMCPAdapter(client), t)
    finally:
        await timed_close(r, label, lambda: client.__aexit__(None, None, None))
    await no_child_left(r, label, t, before)


async def main() -> None:
    r = Runner("fastmcp")
    t = make_target()
    try:
        for mode in ("legacy", "auto"):
            try:
                await session(r, mode, t)
            except BaseException as e:  # noqa: BLE001
                r.fail(f"mode={mode}: session crashed", describe(e))
    finally:
        cleanup(t)
    r.finish()


if __name__ == "__main__":
    asyncio.run(main())
