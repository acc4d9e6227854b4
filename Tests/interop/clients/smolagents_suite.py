#!/usr/bin/env python3
"""smolagents + mcpadapt: `ToolCollection.from_mcp` (stdio, structured_output=True), every tool called
as a CodeAgent calls it (`tool(**args)`), and the argument check a ToolCallingAgent runs first
(`smolagents.tools.validate_tool_arguments`).

Known client behaviour (recorded, not hidden): mcpadapt copies each inputSchema's `properties` into the
tool's `inputs` without the `required` list and without `nullable`, and `validate_tool_arguments` treats
every input that is not `nullable` as required. So a ToolCallingAgent refuses every call that leaves an
optional argument out, before sending it. The suite prints each such call as `CLIENT-LIMIT` and checks
that the complete argument set a ToolCallingAgent can send (every property: "" for optional strings, [] for
arrays, the default or a valid value for integers and booleans) passes that check and succeeds at the server.
mcpadapt exposes tools only (no resources API), and ignores `isError` (an error reaches the model as
the structuredContent `{"error": …}`).

usage: python smolagents_suite.py [PATH/TO/stats-mcp]   (venv: requirements-smolagents.txt, Python >= 3.12)
"""
from __future__ import annotations

import asyncio
import sys
import time
from importlib.metadata import version
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import (Runner, cleanup, describe, expect, extra_valid_calls, gen_value, invalid_calls,  # noqa: E402
                    list_tools_raw, make_target, no_child_left, server_pids, short, valid_args)

from mcp import StdioServerParameters  # noqa: E402
from smolagents import ToolCollection  # noqa: E402
from smolagents.tools import validate_tool_arguments  # noqa: E402

VERSION = version("smolagents")
MCPADAPT = version("mcpadapt")


def complete_args(tool: dict, args: dict, t) -> dict:
    """Every declared property, as a ToolCallingAgent must send them: "" for optional strings (omitted,
    SPEC §4), [] for arrays; the default, or a valid value, for integers and booleans."""
    out = dict(args)
    for p, ps in ((tool.get("inputSchema") or {}).get("properties") or {}).items():
        if p in out:
            continue
        if ps.get("type") == "string":   # smolagents checks JSON types only, not enum or pattern
            out[p] = ""
        elif ps.get("type") == "array":
            out[p] = []            # an empty list is omitted too (SPEC §11)
        else:
            out[p] = gen_value(p, ps, t)
    return out


async def main() -> None:
    r = Runner("smolagents")
    t = make_target()
    label = f"smolagents {VERSION} + mcpadapt {MCPADAPT}"
    before = set(server_pids(t.binary))
    params = StdioServerParameters(command=t.command, args=t.args, env=t.env)
    limits: list[str] = []
    try:
        listed = {x["name"]: x for x in list_tools_raw(t)}
        start = time.monotonic()
        cm = ToolCollection.from_mcp(params, trust_remote_code=True, structured_output=True)
        collection = cm.__enter__()
        r.ok(f"{label}: connect ({time.monotonic() - start:.1f} s)")
        try:
            tools = {x.name: x for x in collection.tools}

            async def names():
                expect(set(tools) == set(listed), f"tools differ from tools/list: {sorted(set(listed) ^ set(tools))}")
            await r.check(f"{label}: tools listed", names)

            def call(name, args):
                return tools[name](**args)

            for name, spec in listed.items():
                if name not in tools:
                    continue
                args = valid_args(spec, t)

                async def direct(name=name, args=args):
                    out = call(name, args)
                    expect(isinstance(out, dict) and "error" not in out, f"not a success: {short(out)}")
                await r.check(f"{label}: CodeAgent-style call {name} {short(args, 100)}", direct)

                try:
                    validate_tool_arguments(tools[name], args)
                except (ValueError, TypeError) as e:
                    limits.append(f"{name} {short(args, 100)}: {e}")
                    print(f"CLIENT-LIMIT {label}: ToolCallingAgent refuses {name} {short(args, 100)} before sending it: {e}")

                full = complete_args(spec, args, t)
                if full != args:
                    async def complete(name=name, full=full):
                        validate_tool_arguments(tools[name], full)
                        out = call(name, full)
                        expect(isinstance(out, dict) and "error" not in out, f"not a success: {short(out)}")
                    await r.check(f"{label}: ToolCallingAgent-style call {name} (every property) {short(full, 100)}",
                                  complete)

            for xlabel, name, args in extra_valid_calls(listed, t):
                async def extra(name=name, args=args):
                    out = call(name, args)
                    expect(isinstance(out, dict) and "error" not in out, f"not a success: {short(out)}")
                await r.check(f"{label}: call {name} ({xlabel})", extra)

            for ilabel, name, args, code in invalid_calls(listed, t):
                async def bad(name=name, args=args, code=code):
                    out = call(name, args)
                    expect(isinstance(out, dict) and (out.get("error") or {}).get("code") == code,
                           f"expected the error object ({code}), got {short(out)}")
                await r.check(f"{label}: invalid call reaches the model as the error ({name}: {ilabel})", bad)
        finally:
            start = time.monotonic()
            try:
                cm.__exit__(None, None, None)
                took = time.monotonic() - start
                if took < 8:
                    r.ok(f"{label}: clean shutdown ({took:.1f} s)")
                else:
                    r.fail(f"{label}: clean shutdown", f"took {took:.1f} s")
            except BaseException as e:  # noqa: BLE001
                r.fail(f"{label}: clean shutdown", describe(e))
        await no_child_left(r, label, t, before)
        r.note("resources: not tested, mcpadapt exposes tools only")
        if limits:
            r.note(f"{len(limits)} calls refused by the client before sending (see CLIENT-LIMIT lines; docs/INTEROP.md)")
    except BaseException as e:  # noqa: BLE001
        r.fail("session crashed", describe(e))
    finally:
        cleanup(t)
    r.finish()


if __name__ == "__main__":
    asyncio.run(main())
