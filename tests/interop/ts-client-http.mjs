#!/usr/bin/env node
// SPDX-License-Identifier: LGPL-2.1-or-later
//
// Drives an MCP server over HTTP with the official TypeScript SDK client
// (StreamableHTTPClientTransport or the legacy SSEClientTransport) and
// reports TAP on stdout. Used by mcp-glib's interop suite against
// `mcp-everything-server --http`.
//
//   node ts-client-http.mjs --transport streamable|sse [--timeout S] URL
//
// URL is the Streamable HTTP endpoint (…/mcp) or the legacy event stream
// (…/sse). Exit status 0 only when every check passed; a global deadline
// guarantees the script never hangs.

import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { SSEClientTransport } from '@modelcontextprotocol/sdk/client/sse.js';
import { CallToolResultSchema, LoggingMessageNotificationSchema } from '@modelcontextprotocol/sdk/types.js';

const args = process.argv.slice(2);
let kind = 'streamable';
let timeoutSeconds = 30;
let url = null;

for (let i = 0; i < args.length; i++) {
  if (args[i] === '--transport')
    kind = args[++i];
  else if (args[i] === '--timeout')
    timeoutSeconds = Number(args[++i]);
  else
    url = args[i];
}

if (url === null || (kind !== 'streamable' && kind !== 'sse')) {
  console.error('usage: node ts-client-http.mjs --transport streamable|sse [--timeout S] URL');
  process.exit(2);
}

const deadline = setTimeout(() => {
  console.log(`Bail out! no result within ${timeoutSeconds} s`);
  process.exit(1);
}, timeoutSeconds * 1000);

const logs = [];
const client = new Client({ name: 'ts-client-http', version: '1.0.0' }, { capabilities: {} });
client.setNotificationHandler(LoggingMessageNotificationSchema, (n) => logs.push(n.params));
const transport = kind === 'sse'
  ? new SSEClientTransport(new URL(url))
  : new StreamableHTTPClientTransport(new URL(url));

const text = (result) => (result.content ?? []).filter((c) => c.type === 'text').map((c) => c.text).join('');
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

const CHECKS = [
  ['initialize', async () => {
    await client.connect(transport);
    const info = client.getServerVersion();
    if (info?.name !== 'mcp-everything-server')
      throw new Error(`unexpected server ${JSON.stringify(info)}`);
    if (kind === 'streamable' && !transport.sessionId)
      throw new Error('no Mcp-Session-Id');
    return `server ${info.name} ${info.version}, session ${transport.sessionId ?? '(legacy)'}`;
  }],
  ['tools/list', async () => {
    const { tools } = await client.listTools();
    const names = tools.map((t) => t.name);
    for (const want of ['echo', 'add', 'test_tool_with_progress', 'test_tool_with_logging'])
      if (!names.includes(want))
        throw new Error(`missing ${want} in ${names.join(',')}`);
    return `${tools.length} tools`;
  }],
  ['echo', async () => {
    const result = await client.callTool({ name: 'echo', arguments: { message: 'hello' } });
    if (!text(result).includes('hello'))
      throw new Error(JSON.stringify(result));
  }],
  ['add', async () => {
    const result = await client.callTool({ name: 'add', arguments: { a: 2, b: 3 } });
    if (text(result) !== '5')
      throw new Error(JSON.stringify(result));
  }],
  ['tool error is a result', async () => {
    const result = await client.callTool({ name: 'test_error_handling', arguments: {} });
    if (result.isError !== true)
      throw new Error(JSON.stringify(result));
  }],
  ['progress before the result', async () => {
    const seen = [];
    await client.request({ method: 'tools/call', params: { name: 'test_tool_with_progress', arguments: {} } },
      CallToolResultSchema, { onprogress: (p) => seen.push(p.progress) });
    // Over Streamable HTTP progress shares the response's stream: all of it
    // must be in before the result. Over legacy SSE the SDK dispatches
    // notifications on a microtask but responses at once, so the last
    // progress event can lose the race with the result read in the same
    // chunk (as with its stdio client): two are enough there.
    const needed = kind === 'sse' ? 2 : 3;
    if (seen.length < needed || seen.some((p, i) => i > 0 && p < seen[i - 1]))
      throw new Error(`progress ${JSON.stringify(seen)}`);
    return `progress ${seen.join(' ')}`;
  }],
  ['logging', async () => {
    await client.setLoggingLevel('debug');
    await client.callTool({ name: 'test_tool_with_logging', arguments: {} });
    for (let i = 0; i < 20 && logs.length < 3; i++)
      await sleep(25);
    if (logs.length < 3)
      throw new Error(`${logs.length} log messages`);
    return `${logs.length} log messages`;
  }],
  ['concurrent calls', async () => {
    const calls = [];
    for (let i = 0; i < 20; i++)
      calls.push(client.callTool({ name: 'echo', arguments: { message: `m${i}` } }).then((r) => [i, text(r)]));
    for (const [i, t] of await Promise.all(calls))
      if (!t.includes(`m${i}`))
        throw new Error(`call ${i} got ${t}`);
  }],
  ['stream closed by the server, resumed', async () => {
    if (kind === 'sse')
      return 'skip: Streamable HTTP only';
    const result = await client.callTool({ name: 'test_reconnection', arguments: {} });
    if (!text(result).includes('Reconnection test completed'))
      throw new Error(JSON.stringify(result));
  }],
  ['ping', async () => {
    await client.ping();
  }],
  ['close', async () => {
    if (kind === 'streamable')
      await transport.terminateSession();
    await client.close();
  }],
];

console.log(`1..${CHECKS.length}`);
let failures = 0;
for (let i = 0; i < CHECKS.length; i++) {
  const [name, run] = CHECKS[i];
  try {
    const note = await run();
    if (typeof note === 'string' && note.startsWith('skip: '))
      console.log(`ok ${i + 1} - ${name} # SKIP ${note.slice(6)}`);
    else {
      console.log(`ok ${i + 1} - ${name}`);
      if (note)
        console.log(`# ${note}`);
    }
  } catch (error) {
    failures++;
    console.log(`not ok ${i + 1} - ${name} # ${String(error?.message ?? error).replace(/\n/g, ' ')}`);
  }
}

clearTimeout(deadline);
process.exit(failures === 0 ? 0 : 1);
