#!/usr/bin/env node
// SPDX-License-Identifier: LGPL-2.1-or-later
//
// Drives a WebSocket MCP server with the official TypeScript SDK client
// (WebSocketClientTransport, which needs the global WebSocket of Node 22)
// and reports what it saw as TAP on stdout.
//
//   node ts-client-ws.mjs [options] URL
//
// Exit status is 0 only when every check passed; a global deadline
// (--timeout) guarantees the script never hangs.
//
// options:
//   --resource URI     read this resource and expect text contents
//   --prompt NAME      get this prompt and expect messages
//   --sampling TOOL    call TOOL, which must send sampling/createMessage to
//                      us; we answer and expect our answer in its result
//   --timeout SECONDS  global deadline (default 30)

import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { WebSocketClientTransport } from '@modelcontextprotocol/sdk/client/websocket.js';
import { CreateMessageRequestSchema } from '@modelcontextprotocol/sdk/types.js';

const opts = { url: null, resource: null, prompt: null, sampling: null, timeout: 30 };
const argv = process.argv.slice(2);
for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => argv[++i];
    if (arg === '--resource') opts.resource = value();
    else if (arg === '--prompt') opts.prompt = value();
    else if (arg === '--sampling') opts.sampling = value();
    else if (arg === '--timeout') opts.timeout = Number(value());
    else if (!arg.startsWith('-')) opts.url = arg;
    else {
        console.error(`unknown option ${arg}`);
        process.exit(2);
    }
}
if (!opts.url) {
    console.error('usage: node ts-client-ws.mjs [options] URL');
    process.exit(2);
}
if (typeof WebSocket === 'undefined') {
    console.log('1..0 # SKIP no global WebSocket in this Node');
    process.exit(0);
}

const deadline = setTimeout(() => {
    console.log('Bail out! global deadline reached');
    process.exit(1);
}, opts.timeout * 1000);

const SAMPLED_TEXT = 'sampled by the TypeScript client';

const checks = [
    ['tools/list has echo and add', async (c) => {
        const { tools } = await c.listTools();
        const names = tools.map((t) => t.name);
        for (const want of ['echo', 'add'])
            if (!names.includes(want)) throw new Error(`no ${want} in ${names}`);
        return `${names.length} tools`;
    }],
    ['tools/call echo', async (c) => {
        const r = await c.callTool({ name: 'echo', arguments: { message: 'hello over ws' } });
        const text = r.content?.[0]?.text ?? '';
        if (!text.includes('hello over ws')) throw new Error(`got ${JSON.stringify(r)}`);
    }],
    ['tools/call add', async (c) => {
        const r = await c.callTool({ name: 'add', arguments: { a: 2, b: 3 } });
        const text = r.content?.[0]?.text ?? '';
        if (!text.includes('5')) throw new Error(`got ${JSON.stringify(r)}`);
    }],
    ['ping', async (c) => { await c.ping(); }],
    ['concurrent calls are not mixed up', async (c) => {
        const n = 50;
        const results = await Promise.all(Array.from({ length: n }, (_, i) =>
            c.callTool({ name: 'echo', arguments: { message: `m${i}` } })));
        results.forEach((r, i) => {
            const text = r.content?.[0]?.text ?? '';
            if (!text.endsWith(`m${i}`)) throw new Error(`call ${i} got ${text}`);
        });
    }],
];

if (opts.resource)
    checks.push([`resources/read ${opts.resource}`, async (c) => {
        const r = await c.readResource({ uri: opts.resource });
        if (!r.contents?.length) throw new Error(`no contents: ${JSON.stringify(r)}`);
    }]);
if (opts.prompt)
    checks.push([`prompts/get ${opts.prompt}`, async (c) => {
        const r = await c.getPrompt({ name: opts.prompt, arguments: {} });
        if (!r.messages?.length) throw new Error(`no messages: ${JSON.stringify(r)}`);
    }]);
if (opts.sampling)
    checks.push([`sampling/createMessage from ${opts.sampling}`, async (c) => {
        const r = await c.callTool({ name: opts.sampling, arguments: { prompt: 'hi' } });
        if (!JSON.stringify(r).includes(SAMPLED_TEXT)) throw new Error(`got ${JSON.stringify(r)}`);
    }]);

const client = new Client({ name: 'ts-client-ws', version: '1.0.0' },
                          { capabilities: { sampling: {} } });
client.setRequestHandler(CreateMessageRequestSchema, async () => ({
    role: 'assistant',
    content: { type: 'text', text: SAMPLED_TEXT },
    model: 'ts-client-ws-fake-model',
    stopReason: 'endTurn'
}));

let failed = 0;
console.log(`1..${checks.length + 1}`);
try {
    await client.connect(new WebSocketClientTransport(new URL(opts.url)));
    const v = client.getServerVersion();
    console.log(`ok 1 - connect and initialize # ${v?.name} ${v?.version}`);
} catch (e) {
    console.log(`not ok 1 - connect and initialize # ${e?.message ?? e}`);
    process.exit(1);
}

let n = 2;
for (const [name, run] of checks) {
    try {
        const note = await run(client);
        console.log(`ok ${n} - ${name}${note ? ` # ${note}` : ''}`);
    } catch (e) {
        failed++;
        console.log(`not ok ${n} - ${name} # ${e?.message ?? e}`);
    }
    n++;
}

await client.close();
clearTimeout(deadline);
process.exit(failed ? 1 : 0);
