#!/usr/bin/env node
// SPDX-License-Identifier: LGPL-2.1-or-later
//
// The TypeScript SDK side of bench/run-http.sh: a Streamable HTTP MCP server
// with one `echo` tool, written the way the SDK documents it (one McpServer
// and one StreamableHTTPServerTransport per session, random session ids),
// on Node's own http module, listening on 127.0.0.1:$PORT at /mcp.
//
// Replies are JSON bodies (enableJsonResponse), as mcp-glib sends them for
// calls that emit nothing before their result; TS_SSE_RESPONSE=1 makes the
// SDK answer every call with an event stream instead (its default).
//
// Run from tests/interop or with NODE_PATH pointing at its node_modules.

import http from 'node:http';
import { randomUUID } from 'node:crypto';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';

const port = Number(process.env.PORT ?? 3000);
const json = process.env.TS_SSE_RESPONSE !== '1';
const transports = new Map();

function newServer () {
  const server = new McpServer({ name: 'ts-http-echo-server', version: '1.0.0' });

  server.registerTool('echo', {
    description: 'Echoes back the input message',
    inputSchema: { message: z.string().describe('Message to echo') }
  }, async ({ message }) => ({ content: [{ type: 'text', text: `Echo: ${message}` }] }));

  return server;
}

function readBody (req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    req.on('data', (chunk) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

const httpServer = http.createServer(async (req, res) => {
  if (!req.url.startsWith('/mcp')) {
    res.writeHead(404).end();
    return;
  }

  const sessionId = req.headers['mcp-session-id'];
  let body;

  if (req.method === 'POST') {
    try {
      body = JSON.parse(await readBody(req));
    } catch {
      res.writeHead(400, { 'Content-Type': 'application/json' })
        .end('{"jsonrpc":"2.0","error":{"code":-32700,"message":"Parse error"},"id":null}');
      return;
    }
  }

  let transport = sessionId !== undefined ? transports.get(sessionId) : undefined;

  if (transport === undefined) {
    if (req.method !== 'POST' || sessionId !== undefined || !isInitializeRequest(body)) {
      res.writeHead(sessionId !== undefined ? 404 : 400, { 'Content-Type': 'application/json' })
        .end('{"jsonrpc":"2.0","error":{"code":-32000,"message":"Invalid or missing session ID"},"id":null}');
      return;
    }

    transport = new StreamableHTTPServerTransport({
      sessionIdGenerator: () => randomUUID(),
      enableJsonResponse: json,
      onsessioninitialized: (id) => transports.set(id, transport)
    });
    transport.onclose = () => {
      if (transport.sessionId !== undefined)
        transports.delete(transport.sessionId);
    };
    await newServer().connect(transport);
  }

  await transport.handleRequest(req, res, body);
});

httpServer.listen(port, '127.0.0.1', () => {
  console.error(`ts-http-echo-server listening on http://127.0.0.1:${port}/mcp`);
});

process.on('SIGTERM', () => process.exit(0));
process.on('SIGINT', () => process.exit(0));
