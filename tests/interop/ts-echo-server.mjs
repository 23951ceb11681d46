#!/usr/bin/env node
// SPDX-License-Identifier: LGPL-2.1-or-later
//
// Minimal stdio MCP server built on the official TypeScript SDK. It is the
// reference peer that mcp-glib's interop tests and benchmarks compare
// against, so it does nothing but the two tools below:
//
//   echo {message: string}        -> text "Echo: <message>"
//   add  {a: number, b: number}   -> text of the sum, e.g. "5"
//
// Usage: node ts-echo-server.mjs        (runs on Node 20 and 22)
//
// stdout carries the protocol only; nothing else may be printed there.

import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { z } from 'zod';

const server = new McpServer({ name: 'ts-echo-server', version: '1.0.0' });

server.registerTool(
  'echo',
  {
    description: 'Echoes back the input message',
    inputSchema: { message: z.string().describe('Message to echo') }
  },
  async ({ message }) => ({
    content: [{ type: 'text', text: `Echo: ${message}` }]
  })
);

server.registerTool(
  'add',
  {
    description: 'Adds two numbers',
    inputSchema: {
      a: z.number().describe('First addend'),
      b: z.number().describe('Second addend')
    }
  },
  async ({ a, b }) => ({
    content: [{ type: 'text', text: String(a + b) }]
  })
);

const transport = new StdioServerTransport();

// No explicit exit on end of input: once stdin is closed and the last reply
// is written, nothing keeps the event loop alive and Node exits by itself,
// so replies still in flight are never cut off.
await server.connect(transport);
