#!/usr/bin/env node
// SPDX-License-Identifier: LGPL-2.1-or-later
//
// Drives an MCP server with the official TypeScript SDK v2 client
// (@modelcontextprotocol/client 2.4.0) and reports what it saw as TAP on
// stdout. With --mode auto the client negotiates the 2026-07-28 era when
// the server speaks it; with --mode legacy it runs the 2025 handshake.
//
//   node ts-v2-client.mjs --mode auto|legacy --expect-version V -- COMMAND [ARG...]
//   node ts-v2-client.mjs --mode auto|legacy --expect-version V --url URL
//
// The server is expected to have the fixtures of mcp-everything-server:
// echo, test_sampling, test_elicitation, list_roots, test://static-text,
// test_simple_prompt. Exit status 0 only when every check passed; a global
// deadline guarantees the script never hangs.

import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';

const args = process.argv.slice(2);
const opts = { mode: 'auto', expectVersion: null, url: null, command: null, timeout: 60 };
for (let i = 0; i < args.length; i++) {
  const a = args[i];
  if (a === '--mode') opts.mode = args[++i];
  else if (a === '--expect-version') opts.expectVersion = args[++i];
  else if (a === '--url') opts.url = args[++i];
  else if (a === '--timeout') opts.timeout = Number(args[++i]);
  else if (a === '--') { opts.command = args.slice(i + 1); break; }
  else { console.error(`unknown option ${a}`); process.exit(2); }
}
if (!opts.url && !(opts.command && opts.command.length)) {
  console.error('usage: ts-v2-client.mjs --mode auto|legacy [--expect-version V] (--url URL | -- COMMAND...)');
  process.exit(2);
}

const deadline = setTimeout(() => {
  console.log('not ok - global deadline passed');
  process.exit(1);
}, opts.timeout * 1000);

let n = 0;
let failed = 0;
function report(ok, name, detail) {
  n++;
  if (!ok) failed++;
  console.log(`${ok ? 'ok' : 'not ok'} ${n} - ${name}`);
  if (detail) for (const line of String(detail).split('\n')) console.log(`# ${line}`);
}
async function check(name, fn) {
  try {
    const detail = await fn();
    report(true, name, detail);
  } catch (e) {
    report(false, name, e && e.stack ? e.stack : String(e));
  }
}
function assert(cond, message) {
  if (!cond) throw new Error(message);
}
function textOf(result) {
  return (result.content || []).filter((c) => c.type === 'text').map((c) => c.text).join('\n');
}

const client = new Client(
  { name: 'ts-v2-interop', version: '2.4.0' },
  {
    capabilities: { sampling: {}, elicitation: { form: {} }, roots: {} },
    versionNegotiation: { mode: opts.mode },
  },
);
const seen = { sampling: 0, elicitation: 0, roots: 0, toolsChanged: 0 };
client.setRequestHandler('sampling/createMessage', async () => {
  seen.sampling++;
  return { role: 'assistant', model: 'ts-v2-model', content: { type: 'text', text: 'Paris' } };
});
client.setRequestHandler('elicitation/create', async () => {
  seen.elicitation++;
  return { action: 'accept', content: { username: 'ada', email: 'ada@example.org' } };
});
client.setRequestHandler('roots/list', async () => {
  seen.roots++;
  return { roots: [{ uri: 'file:///tmp/interop-root', name: 'interop' }] };
});
client.setNotificationHandler('notifications/tools/list_changed', async () => {
  seen.toolsChanged++;
});

const transport = opts.url
  ? new StreamableHTTPClientTransport(new URL(opts.url))
  : new StdioClientTransport({ command: opts.command[0], args: opts.command.slice(1), env: process.env, stderr: 'inherit' });

let tools = [];
await check('connect', async () => {
  await client.connect(transport);
  const version = client.getNegotiatedProtocolVersion();
  if (opts.expectVersion) assert(version === opts.expectVersion, `negotiated ${version}, expected ${opts.expectVersion}`);
  return `era: ${version}`;
});

await check('tools/list', async () => {
  const result = await client.listTools();
  tools = result.tools.map((t) => t.name);
  for (const name of ['echo', 'test_sampling', 'test_elicitation', 'list_roots']) assert(tools.includes(name), `no ${name}`);
  return `${tools.length} tools`;
});

await check('tools/call echo', async () => {
  const result = await client.callTool({ name: 'echo', arguments: { message: 'hello from v2' } });
  assert(textOf(result).includes('hello from v2'), `text: ${textOf(result)}`);
});

await check('sampling', async () => {
  const before = seen.sampling;
  const result = await client.callTool({ name: 'test_sampling', arguments: { prompt: 'Capital of France?' } });
  assert(seen.sampling > before, 'the sampling handler never ran');
  assert(textOf(result).includes('Paris'), `text: ${textOf(result)}`);
});

await check('elicitation', async () => {
  const before = seen.elicitation;
  const result = await client.callTool({ name: 'test_elicitation', arguments: { message: 'Who are you?' } });
  assert(seen.elicitation > before, 'the elicitation handler never ran');
  assert(textOf(result).includes('ada'), `text: ${textOf(result)}`);
});

await check('roots', async () => {
  const before = seen.roots;
  const result = await client.callTool({ name: 'list_roots', arguments: {} });
  assert(seen.roots > before, 'the roots handler never ran');
  assert(textOf(result).includes('interop-root'), `text: ${textOf(result)}`);
});

await check('resources/read', async () => {
  const result = await client.readResource({ uri: 'test://static-text' });
  assert(result.contents.length > 0 && typeof result.contents[0].text === 'string', 'no text contents');
});

await check('prompts/get', async () => {
  const result = await client.getPrompt({ name: 'test_simple_prompt' });
  assert(result.messages.length > 0, 'no messages');
});

const modern = client.getNegotiatedProtocolVersion() === '2026-07-28';
await check('tools/list_changed on subscriptions/listen', async () => {
  if (!modern) return 'skipped: the legacy era has no subscriptions/listen';
  if (!tools.includes('test_trigger_tool_change')) return 'skipped: the server has no test_trigger_tool_change';
  const subscription = await client.listen({ toolsListChanged: true });
  assert(subscription.honoredFilter.toolsListChanged === true, `honoured: ${JSON.stringify(subscription.honoredFilter)}`);
  const before = seen.toolsChanged;
  await client.callTool({ name: 'test_trigger_tool_change', arguments: {} });
  for (let i = 0; i < 100 && seen.toolsChanged === before; i++) await new Promise((r) => setTimeout(r, 50));
  assert(seen.toolsChanged > before, 'no notifications/tools/list_changed arrived');
  await subscription.close();
});

await client.close();
clearTimeout(deadline);
console.log(`1..${n}`);
process.exit(failed === 0 ? 0 : 1);
