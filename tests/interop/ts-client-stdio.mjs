#!/usr/bin/env node
// SPDX-License-Identifier: LGPL-2.1-or-later
//
// Drives a stdio MCP server with the official TypeScript SDK client and
// reports what it saw as TAP on stdout. Used by mcp-glib's interop suite to
// check our servers against a client we did not write.
//
//   node ts-client-stdio.mjs [options] -- COMMAND [ARG...]
//
// Runs on Node 20 and 22. Exit status is 0 only when every check passed; a
// global deadline (--timeout) guarantees the script never hangs.
//
// To add a check, append an entry to CHECKS below: a name and an async
// run(ctx) that throws on failure, may return a string or an array of
// strings (printed as TAP diagnostics), or returns skip('why').

import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';

const USAGE = `usage: node ts-client-stdio.mjs [options] -- COMMAND [ARG...]

options:
  --expect-tools LIST  comma-separated tool names that tools/list must
                       contain (default: echo,add; empty: no requirement)
  --echo-tool NAME     tool called with {"message":"hello"}, whose text must
                       contain "hello" (default: echo; empty: skip)
  --add-tool NAME      tool called with {"a":2,"b":3}, whose text must
                       contain "5" (default: add; empty: skip)
  --timeout SECONDS    global deadline for the whole run (default: 30)
  --quiet-server       discard the server's stderr instead of passing it on
  -h, --help           show this text

The server inherits this process's environment (unlike the SDK default,
which passes only HOME, PATH and a few others), so G_DEBUG, ASAN_OPTIONS,
LD_LIBRARY_PATH and friends reach it.

Example against the reference server, which calls its adder "get-sum":
  node ts-client-stdio.mjs --expect-tools echo,get-sum --add-tool get-sum \\
    -- node node_modules/@modelcontextprotocol/server-everything/dist/index.js stdio`;

function parseArgs (argv) {
  const opts = {
    expectTools: ['echo', 'add'],
    echoTool: 'echo',
    addTool: 'add',
    timeoutSeconds: 30,
    quietServer: false,
    command: null,
    args: []
  };
  const list = (s) => s.split(',').map((t) => t.trim()).filter((t) => t !== '');

  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      if (i + 1 >= argv.length)
        usageError(`${arg} needs a value`);
      return argv[++i];
    };

    if (arg === '--') {
      [opts.command, ...opts.args] = argv.slice(i + 1);
      break;
    } else if (arg === '-h' || arg === '--help') {
      console.log(USAGE);
      process.exit(0);
    } else if (arg === '--expect-tools') {
      opts.expectTools = list(value());
    } else if (arg === '--echo-tool') {
      opts.echoTool = value();
    } else if (arg === '--add-tool') {
      opts.addTool = value();
    } else if (arg === '--timeout') {
      opts.timeoutSeconds = Number(value());
      if (!(opts.timeoutSeconds > 0))
        usageError('--timeout needs a positive number of seconds');
    } else if (arg === '--quiet-server') {
      opts.quietServer = true;
    } else if (arg.startsWith('-')) {
      usageError(`unknown option ${arg}`);
    } else {
      // No "--": the first operand starts the server command line.
      [opts.command, ...opts.args] = argv.slice(i);
      break;
    }
  }

  if (!opts.command)
    usageError('no server command given');
  return opts;
}

function usageError (message) {
  console.error(`ts-client-stdio: ${message}\n\n${USAGE}`);
  process.exit(2);
}

const SKIP = Symbol('skip');
const skip = (reason) => ({ [SKIP]: reason });

// All text content of a CallToolResult, joined; throws if the tool failed.
function toolText (result) {
  const content = Array.isArray(result?.content) ? result.content : [];
  const text = content
    .filter((c) => c?.type === 'text')
    .map((c) => c.text)
    .join('\n');
  if (result?.isError === true)
    throw new Error(`tool returned isError: ${JSON.stringify(text)}`);
  return text;
}

const CHECKS = [
  {
    name: 'initialize',
    needsConnection: false,
    async run (ctx) {
      await ctx.client.connect(ctx.transport, ctx.requestOptions());
      ctx.connected = true;
      const info = ctx.client.getServerVersion();
      if (!info?.name || !info?.version)
        throw new Error(`serverInfo lacks name or version: ${JSON.stringify(info)}`);
      return [
        `negotiated protocol version: ${ctx.protocolVersion ?? '(unknown)'}`,
        `server: ${info.name} ${info.version}`,
        `capabilities: ${JSON.stringify(ctx.client.getServerCapabilities() ?? {})}`
      ];
    }
  },
  {
    name: 'tools/list contains the expected tools',
    async run (ctx) {
      const names = [];
      let cursor;
      do {
        const page = await ctx.client.listTools(cursor ? { cursor } : undefined, ctx.requestOptions());
        names.push(...page.tools.map((t) => t.name));
        cursor = page.nextCursor;
      } while (cursor);
      const missing = ctx.opts.expectTools.filter((t) => !names.includes(t));
      if (missing.length > 0)
        throw new Error(`missing ${missing.join(', ')}; server has ${names.join(', ')}`);
      return `tools: ${names.join(', ')}`;
    }
  },
  {
    name: 'echo returns the message',
    async run (ctx) {
      if (!ctx.opts.echoTool)
        return skip('no echo tool configured');
      const result = await ctx.client.callTool(
        { name: ctx.opts.echoTool, arguments: { message: 'hello' } },
        undefined, ctx.requestOptions());
      const text = toolText(result);
      if (!text.includes('hello'))
        throw new Error(`text ${JSON.stringify(text)} does not contain "hello"`);
      return `${ctx.opts.echoTool}: ${JSON.stringify(text)}`;
    }
  },
  {
    name: 'add returns the sum',
    async run (ctx) {
      if (!ctx.opts.addTool)
        return skip('no add tool configured');
      const result = await ctx.client.callTool(
        { name: ctx.opts.addTool, arguments: { a: 2, b: 3 } },
        undefined, ctx.requestOptions());
      const text = toolText(result);
      if (!text.includes('5'))
        throw new Error(`text ${JSON.stringify(text)} does not contain "5"`);
      return `${ctx.opts.addTool}: ${JSON.stringify(text)}`;
    }
  },
  {
    name: 'ping',
    async run (ctx) {
      // The SDK validates the result as an empty object (only _meta allowed).
      await ctx.client.ping(ctx.requestOptions());
    }
  }
];

function describeError (error) {
  const text = error instanceof Error ? error.message : String(error);
  return text.replace(/\s+/g, ' ').trim();
}

async function main () {
  const opts = parseArgs(process.argv.slice(2));
  const deadline = Date.now() + opts.timeoutSeconds * 1000;

  const transport = new StdioClientTransport({
    command: opts.command,
    args: opts.args,
    env: { ...process.env },
    stderr: opts.quietServer ? 'ignore' : 'inherit'
  });

  const ctx = {
    opts,
    transport,
    client: new Client({ name: 'mcp-glib-ts-client-stdio', version: '1.0.0' }, { capabilities: {} }),
    connected: false,
    protocolVersion: null,
    // Per-request timeout: whatever is left of the global deadline.
    requestOptions: () => ({ timeout: Math.max(1, deadline - Date.now()) })
  };

  // Client.connect() hands the negotiated version to transports that want
  // it (HTTP ones do); the stdio transport does not, so listen in.
  transport.setProtocolVersion = (version) => { ctx.protocolVersion = version; };
  transport.onerror = (error) => console.log(`# transport error: ${describeError(error)}`);

  const watchdog = setTimeout(() => {
    console.log(`Bail out! global timeout of ${opts.timeoutSeconds} s exceeded`);
    try {
      transport._process?.kill('SIGKILL');
    } catch {
      // already gone
    }
    process.exit(1);
  }, opts.timeoutSeconds * 1000);

  console.log('TAP version 13');
  console.log(`1..${CHECKS.length}`);
  console.log(`# server command: ${[opts.command, ...opts.args].join(' ')}`);

  let failures = 0;
  for (const [index, check] of CHECKS.entries()) {
    const number = index + 1;
    if (check.needsConnection !== false && !ctx.connected) {
      failures++;
      console.log(`not ok ${number} - ${check.name} # not connected`);
      continue;
    }
    try {
      const outcome = await check.run(ctx);
      if (outcome && outcome[SKIP] !== undefined) {
        console.log(`ok ${number} - ${check.name} # SKIP ${outcome[SKIP]}`);
        continue;
      }
      console.log(`ok ${number} - ${check.name}`);
      for (const line of [outcome ?? []].flat())
        console.log(`# ${line}`);
    } catch (error) {
      failures++;
      console.log(`not ok ${number} - ${check.name} # ${describeError(error)}`);
    }
  }

  // Closing ends the server's stdin, then escalates to SIGTERM/SIGKILL after
  // 2 s each; the watchdog still bounds it.
  await ctx.client.close().catch(() => {});
  clearTimeout(watchdog);

  console.log(`# ${CHECKS.length - failures} passed, ${failures} failed`);
  process.exit(failures === 0 ? 0 : 1);
}

process.on('unhandledRejection', (error) => {
  console.log(`Bail out! unhandled rejection: ${describeError(error)}`);
  process.exit(1);
});

await main();
