// harness.js: a small TAP test runner for the GJS binding tests
//
// Copyright 2026 The mcp-glib authors
//
// SPDX-License-Identifier: LGPL-2.1-or-later
//
// Each test is an async function. It runs inside its own GLib main loop, and
// its outcome is judged after loop.run() returns: a failed assertion rejects
// the test's promise, which is caught here (an unhandled rejection would
// only be logged, and gjs would exit 0). Every test has a time limit.

import GLib from 'gi://GLib';
import Gio from 'gi://Gio';
import Json from 'gi://Json';
import Mcp from 'gi://Mcp?version=1.0';
import System from 'system';

const TIMEOUT_S = 20;

for (const [name, finish] of [
    ['connect_async', 'connect_finish'],
    ['disconnect_async', 'disconnect_finish'],
    ['ping_async', 'ping_finish'],
    ['list_all_tools_async', 'list_all_tools_finish'],
    ['list_tools_async', 'list_tools_finish'],
    ['call_tool_async', 'call_tool_finish'],
    ['call_tool_full_async', 'call_tool_finish'],
    ['set_logging_level_async', 'set_logging_level_finish'],
    ['send_request_async', 'send_request_finish'],
    ['list_all_resources_async', 'list_all_resources_finish'],
    ['list_all_resource_templates_async', 'list_all_resource_templates_finish'],
    ['read_resource_async', 'read_resource_finish'],
    ['subscribe_resource_async', 'subscribe_resource_finish'],
    ['list_all_prompts_async', 'list_all_prompts_finish'],
    ['get_prompt_async', 'get_prompt_finish'],
    ['complete_async', 'complete_finish'],
])
    Gio._promisify(Mcp.Client.prototype, name, finish);

export function buildPath(relative) {
    return GLib.build_filenamev([GLib.getenv('MCP_BUILD_ROOT'), relative]);
}

export function sourcePath(relative) {
    return GLib.build_filenamev([GLib.getenv('MCP_SOURCE_ROOT'), relative]);
}

export function json(text) {
    return Json.from_string(text);
}

// A JsonNode, JsonObject or JsonArray as plain JavaScript data.
export function toJs(value) {
    if (value instanceof Json.Array)
        value = Json.Node.alloc().init_array(value);
    else if (value instanceof Json.Object)
        value = Json.Node.alloc().init_object(value);
    return value ? JSON.parse(Json.to_string(value, false)) : null;
}

export class AssertionError extends Error {}

export function assert(condition, message = 'assertion failed') {
    if (!condition)
        throw new AssertionError(message);
}

export function assertEqual(actual, expected, what = 'value') {
    const a = JSON.stringify(actual), e = JSON.stringify(expected);
    if (a !== e)
        throw new AssertionError(`${what}: expected ${e}, got ${a}`);
}

export async function assertRejects(promise, domain, code, what = 'call') {
    try {
        await promise;
    } catch (e) {
        if (!(e instanceof GLib.Error) || !e.matches(domain, code))
            throw new AssertionError(`${what}: wrong error: ${e}`);
        return e;
    }
    throw new AssertionError(`${what}: expected an error`);
}

// Resolves after roughly ms milliseconds of main-loop time.
export function sleep(ms) {
    return new Promise(resolve => GLib.timeout_add(GLib.PRIORITY_DEFAULT, ms, () => {
        resolve();
        return GLib.SOURCE_REMOVE;
    }));
}

// Resolves once predicate() holds, polling from the main loop.
export async function until(predicate, what = 'condition') {
    const deadline = GLib.get_monotonic_time() + TIMEOUT_S * 1000000;
    while (!predicate()) {
        if (GLib.get_monotonic_time() > deadline)
            throw new AssertionError(`timed out waiting for ${what}`);
        await sleep(10);
    }
}

// tests: [name, async function, todo]; a todo (a string saying why) marks a
// test that fails for a known bug: TAP "# TODO", so its failure is expected
// and a pass is unexpected, and fails the run until the mark is removed.
export function run(tests) {
    let failed = 0;
    let n = 0;
    print(`1..${tests.length}`);
    for (const [name, test, todo] of tests) {
        n++;
        const loop = new GLib.MainLoop(null, false);
        let outcome = null;
        const timer = GLib.timeout_add_seconds(GLib.PRIORITY_DEFAULT, TIMEOUT_S * 2, () => {
            outcome = new AssertionError('timed out');
            loop.quit();
            return GLib.SOURCE_REMOVE;
        });
        test().then(() => {
            outcome ??= 'ok';
        }, error => {
            outcome ??= error;
        }).finally(() => loop.quit());
        loop.run();
        GLib.source_remove(timer);

        const directive = todo ? ` # TODO ${todo}` : '';
        if (outcome === 'ok') {
            if (todo)
                failed++;
            print(`ok ${n} - ${name}${directive}`);
        } else {
            if (!todo)
                failed++;
            print(`not ok ${n} - ${name}${directive}`);
            for (const line of `${outcome}\n${outcome?.stack ?? ''}`.trim().split('\n'))
                print(`# ${line}`);
        }
    }
    System.exit(failed === 0 ? 0 : 1);
}
