#!/usr/bin/env node
// SPDX-License-Identifier: LGPL-2.1-or-later
//
// The official TypeScript SDK's McpServer (the same `echo` and `add` tools as
// tests/interop/ts-echo-server.mjs) served over WebSocket, for comparing
// against `mcp-everything-server --ws` in bench/run-ws.sh.
//
//   node ts-ws-server.mjs [PORT]      (0 or nothing: any free port)
//
// The SDK ships a WebSocket *client* transport only, so this script brings
// the server half: a Transport object per connection, one JSON-RPC message
// per text frame, subprotocol `mcp` echoed when offered. The WebSocket
// itself comes from the `ws` npm package when it is installed (what a
// TypeScript MCP server would use in practice); otherwise a small RFC 6455
// server on node:http below stands in, and the script says so on stderr.
//
// It prints "ts-ws-server: listening on ws://127.0.0.1:PORT/ (ws|builtin)"
// on stderr once it listens, and runs until killed.

import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';

// The npm packages live under tests/interop (override with MCP_NODE_MODULES_ROOT,
// a directory whose node_modules holds them).
const root = process.env.MCP_NODE_MODULES_ROOT
    ? `${process.env.MCP_NODE_MODULES_ROOT}/package.json`
    : new URL('../tests/interop/package.json', import.meta.url);
const require = createRequire(root);
const { McpServer } = require('@modelcontextprotocol/sdk/server/mcp.js');
const { z } = require('zod');

const port = Number(process.argv[2] ?? 0);

function makeServer () {
    const server = new McpServer({ name: 'ts-ws-server', version: '1.0.0' });
    server.registerTool('echo', {
        description: 'Echoes back the input message',
        inputSchema: { message: z.string().describe('Message to echo') }
    }, async ({ message }) => ({ content: [{ type: 'text', text: `Echo: ${message}` }] }));
    server.registerTool('add', {
        description: 'Adds two numbers',
        inputSchema: { a: z.number(), b: z.number() }
    }, async ({ a, b }) => ({ content: [{ type: 'text', text: String(a + b) }] }));
    return server;
}

// One MCP transport over one WebSocket-like object with send(text) and close().
class WebSocketServerTransport {
    constructor (socket) {
        this.socket = socket;
    }

    async start () {}

    deliver (text) {
        let message;
        try {
            message = JSON.parse(text);
        } catch (e) {
            this.onerror?.(e);
            return;
        }
        this.onmessage?.(message);
    }

    async send (message) {
        this.socket.send(JSON.stringify(message));
    }

    async close () {
        this.socket.close();
        this.onclose?.();
    }
}

function serveConnection (socket) {
    const transport = new WebSocketServerTransport(socket);
    makeServer().connect(transport);
    return transport;
}

function announce (server, kind) {
    const address = server.address();
    process.stderr.write(`ts-ws-server: listening on ws://127.0.0.1:${address.port}/ (${kind})\n`);
}

let ws = null;
try {
    ws = require('ws');
} catch {
    ws = null;
}

if (ws) {
    const WebSocketServer = ws.WebSocketServer ?? ws.Server;
    const wss = new WebSocketServer({
        host: '127.0.0.1',
        port,
        maxPayload: 10 * 1024 * 1024,
        handleProtocols: (protocols) => (protocols.has('mcp') ? 'mcp' : false)
    });
    wss.on('connection', (socket) => {
        const transport = serveConnection(socket);
        socket.on('message', (data, isBinary) => {
            if (isBinary) socket.close(1003);
            else transport.deliver(data.toString());
        });
        socket.on('close', () => transport.onclose?.());
    });
    wss.on('listening', () => announce(wss, 'ws'));
} else {
    // A small RFC 6455 server: enough for text frames, fragments, ping,
    // close; masks checked, 10 MiB cap.
    const GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';
    const MAX = 10 * 1024 * 1024;

    const frame = (opcode, payload) => {
        const n = payload.length;
        let header;
        if (n < 126) {
            header = Buffer.from([0x80 | opcode, n]);
        } else if (n < 65536) {
            header = Buffer.alloc(4);
            header[0] = 0x80 | opcode;
            header[1] = 126;
            header.writeUInt16BE(n, 2);
        } else {
            header = Buffer.alloc(10);
            header[0] = 0x80 | opcode;
            header[1] = 127;
            header.writeBigUInt64BE(BigInt(n), 2);
        }
        return Buffer.concat([header, payload]);
    };

    const server = createServer((req, res) => {
        res.writeHead(426);
        res.end();
    });

    server.on('upgrade', (req, sock) => {
        const key = req.headers['sec-websocket-key'];
        if (!key || req.headers['upgrade']?.toLowerCase() !== 'websocket') {
            sock.end('HTTP/1.1 400 Bad Request\r\n\r\n');
            return;
        }
        const accept = createHash('sha1').update(key + GUID).digest('base64');
        const offered = (req.headers['sec-websocket-protocol'] ?? '').split(/[ ,]+/);
        const protocol = offered.includes('mcp') ? 'Sec-WebSocket-Protocol: mcp\r\n' : '';
        sock.write('HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n' +
                   `Connection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n${protocol}\r\n`);
        sock.setNoDelay(true);

        const socket = {
            send: (text) => sock.write(frame(1, Buffer.from(text))),
            close: (code = 1000) => {
                const body = Buffer.alloc(2);
                body.writeUInt16BE(code, 0);
                sock.end(frame(8, body));
            }
        };
        const transport = serveConnection(socket);
        let buffer = Buffer.alloc(0);
        let fragments = [];

        sock.on('data', (chunk) => {
            buffer = buffer.length ? Buffer.concat([buffer, chunk]) : chunk;
            for (;;) {
                if (buffer.length < 2) return;
                const fin = buffer[0] & 0x80;
                const opcode = buffer[0] & 0x0f;
                const masked = buffer[1] & 0x80;
                let length = buffer[1] & 0x7f;
                let at = 2;
                if (length === 126) {
                    if (buffer.length < 4) return;
                    length = buffer.readUInt16BE(2);
                    at = 4;
                } else if (length === 127) {
                    if (buffer.length < 10) return;
                    length = Number(buffer.readBigUInt64BE(2));
                    at = 10;
                }
                if (!masked || length > MAX) {
                    socket.close(masked ? 1009 : 1002);
                    return;
                }
                if (buffer.length < at + 4 + length) return;
                const mask = buffer.subarray(at, at + 4);
                const payload = Buffer.from(buffer.subarray(at + 4, at + 4 + length));
                for (let i = 0; i < payload.length; i++) payload[i] ^= mask[i & 3];
                buffer = buffer.subarray(at + 4 + length);

                if (opcode === 8) {
                    socket.close();
                    return;
                } else if (opcode === 9) {
                    sock.write(frame(10, payload));
                } else if (opcode === 1 || opcode === 0) {
                    fragments.push(payload);
                    if (fin) {
                        const text = Buffer.concat(fragments).toString('utf8');
                        fragments = [];
                        transport.deliver(text);
                    }
                } else if (opcode === 2) {
                    socket.close(1003);
                    return;
                }
            }
        });
        sock.on('close', () => transport.onclose?.());
        sock.on('error', () => {});
    });

    server.listen(port, '127.0.0.1',
                  () => announce(server, 'builtin RFC 6455 server: npm package ws not installed'));
}

process.on('SIGTERM', () => process.exit(0));
process.on('SIGINT', () => process.exit(0));
