#!/usr/bin/env node
// SPDX-License-Identifier: LGPL-2.1-or-later
//
// A server built on the official TypeScript SDK v2 (@modelcontextprotocol/
// server 2.4.0) that serves revision 2026-07-28 beside 2025-11-25, for
// mcp-glib's client interop tests (tests/interop/test-ts-v2-server.c).
//
//   node ts-v2-server.mjs            serveStdio() on stdin/stdout
//   node ts-v2-server.mjs --http     createMcpHandler() on 127.0.0.1, port 0;
//                                    prints "listening on http://…/mcp" on stderr
//
// Tools:
//   echo {message}   -> "Echo: <message>"
//   confirm {what}   -> asks the client (elicitation); "confirmed <what>: <name>"
//   ask_model {q}    -> asks the client's model (sampling); "model said: <text>"
//   roots            -> asks for the client's roots; "roots: <uri> …"
//   touch {uri}      -> announces resources/updated for <uri> (HTTP: on the bus)
// Resource: test://note (text).
//
// stdout carries the protocol only on stdio.

import http from 'node:http';
import { McpServer, inputRequired, acceptedContent, inputResponse, createMcpHandler } from '@modelcontextprotocol/server';
import { serveStdio } from '@modelcontextprotocol/server/stdio';
import { z } from 'zod';

const useHttp = process.argv.includes('--http');
let handler = null;

function factory () {
  const server = new McpServer({ name: 'ts-v2-server', version: '2.4.0' },
                               { capabilities: { tools: {}, resources: { subscribe: true } },
                                 supportedProtocolVersions: ['2026-07-28', '2025-11-25'] });

  server.registerTool('echo', { description: 'Echoes the message',
                                inputSchema: z.object({ message: z.string() }) },
                      async ({ message }) => ({ content: [{ type: 'text', text: `Echo: ${message}` }] }));

  const nameSchema = z.object({ name: z.string() });
  server.registerTool('confirm', { description: 'Asks the user for a name',
                                   inputSchema: z.object({ what: z.string() }) },
                      async ({ what }, ctx) => {
                        const answer = acceptedContent(ctx.mcpReq.inputResponses, 'who', nameSchema);
                        if (answer === undefined)
                          return inputRequired({ inputRequests: {
                            who: inputRequired.elicit({ message: `Who confirms ${what}?`,
                                                        requestedSchema: nameSchema }) } });
                        return { content: [{ type: 'text', text: `confirmed ${what}: ${answer.name}` }] };
                      });

  server.registerTool('ask_model', { description: 'Asks the client\'s model',
                                     inputSchema: z.object({ q: z.string() }) },
                      async ({ q }, ctx) => {
                        const view = inputResponse(ctx.mcpReq.inputResponses, 'llm');
                        if (view.kind !== 'sampling')
                          return inputRequired({ inputRequests: {
                            llm: inputRequired.createMessage({
                              messages: [{ role: 'user', content: { type: 'text', text: q } }],
                              maxTokens: 50 }) } });
                        const content = view.result.content;
                        return { content: [{ type: 'text', text: `model said: ${content.text}` }] };
                      });

  server.registerTool('roots', { description: 'Lists the client\'s roots' },
                      async (ctx) => {
                        const view = inputResponse(ctx.mcpReq.inputResponses, 'roots');
                        if (view.kind !== 'roots')
                          return inputRequired({ inputRequests: { roots: inputRequired.listRoots() } });
                        return { content: [{ type: 'text', text: `roots: ${view.roots.map(r => r.uri).join(' ')}` }] };
                      });

  server.registerTool('touch', { description: 'Announces an update of a resource',
                                 inputSchema: z.object({ uri: z.string() }) },
                      async ({ uri }) => {
                        if (handler !== null)
                          handler.notify.resourceUpdated(uri);
                        else
                          server.server.sendResourceUpdated?.({ uri });
                        return { content: [{ type: 'text', text: `touched ${uri}` }] };
                      });

  server.registerResource('note', 'test://note', { mimeType: 'text/plain' },
                          async (uri) => ({ contents: [{ uri: uri.href, mimeType: 'text/plain', text: 'a note' }] }));
  return server;
}

if (!useHttp) {
  serveStdio(factory, { onerror: (error) => process.stderr.write(`ts-v2-server: ${error}\n`) });
} else {
  handler = createMcpHandler(factory);
  const node = http.createServer(async (req, res) => {
    const chunks = [];
    for await (const chunk of req)
      chunks.push(chunk);
    const body = Buffer.concat(chunks);
    const abort = new AbortController();
    res.on('close', () => abort.abort());
    const request = new Request(`http://${req.headers.host}${req.url}`, {
      method: req.method, headers: req.headers, signal: abort.signal,
      body: req.method === 'GET' || req.method === 'HEAD' || body.length === 0 ? undefined : body });
    let response;
    try {
      response = await handler.fetch(request);
    } catch (error) {
      res.writeHead(500).end(String(error));
      return;
    }
    res.writeHead(response.status, Object.fromEntries(response.headers));
    if (response.body === null) {
      res.end();
      return;
    }
    const reader = response.body.getReader();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done)
          break;
        res.write(value);
      }
    } catch (error) {
      // the client went away
    }
    res.end();
  });
  node.listen(0, '127.0.0.1', () => {
    process.stderr.write(`ts-v2-server: listening on http://127.0.0.1:${node.address().port}/mcp\n`);
  });
  process.on('SIGTERM', () => { node.close(); process.exit(0); });
}
