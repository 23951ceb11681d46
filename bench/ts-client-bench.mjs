#!/usr/bin/env node
// SPDX-License-Identifier: LGPL-2.1-or-later
//
// ts-client-bench.mjs — the TypeScript SDK client's side of mcp-ws-bench
// --mode direct: one Client connected once, `echo` calls with D in flight,
// the client's own CPU per call (process.cpuUsage) and the server's (from
// /proc) over the measured calls. Prints one JSON object like mcp-ws-bench.
//
//   node ts-client-bench.mjs (--url ws://… | --command "SERVER ARG…")
//        [--calls N] [--warmup W] [--depth D] [--size BYTES] [--server-pid PID]
//        [--label TEXT]
//
// A benchmark, not a test: it never judges the numbers. Global deadline
// --timeout (default 120 s).

import { readFileSync } from 'node:fs';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { WebSocketClientTransport } from '@modelcontextprotocol/sdk/client/websocket.js';

const opts = { url: null, command: null, calls: 5000, warmup: 500, depth: 1, size: 32,
               serverPid: 0, label: 'TypeScript SDK client', timeout: 120 };
const argv = process.argv.slice(2);
for (let i = 0; i < argv.length; i++) {
    const value = () => argv[++i];
    switch (argv[i]) {
    case '--url': opts.url = value(); break;
    case '--command': opts.command = value(); break;
    case '--calls': opts.calls = Number(value()); break;
    case '--warmup': opts.warmup = Number(value()); break;
    case '--depth': opts.depth = Number(value()); break;
    case '--size': opts.size = Number(value()); break;
    case '--server-pid': opts.serverPid = Number(value()); break;
    case '--label': opts.label = value(); break;
    case '--timeout': opts.timeout = Number(value()); break;
    default:
        console.error(`ts-client-bench: unknown option ${argv[i]}`);
        process.exit(2);
    }
}
if ((opts.url === null) === (opts.command === null)) {
    console.error('ts-client-bench: give --url or --command');
    process.exit(2);
}

setTimeout(() => {
    console.error('ts-client-bench: timed out');
    process.exit(2);
}, opts.timeout * 1000).unref();

const ticksPerSecond = 100;  // USER_HZ on Linux
function serverTicks(pid) {
    if (!pid)
        return -1;
    try {
        const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
        const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
        return Number(fields[11]) + Number(fields[12]);
    } catch {
        return -1;
    }
}

let transport;
if (opts.command !== null) {
    const [command, ...args] = opts.command.split(' ').filter((word) => word.length > 0);
    transport = new StdioClientTransport({ command, args, stderr: 'ignore' });
} else {
    transport = new WebSocketClientTransport(new URL(opts.url));
}

const client = new Client({ name: 'ts-client-bench', version: '1.0.0' });
await client.connect(transport);
if (opts.command !== null && !opts.serverPid)
    opts.serverPid = transport.pid ?? 0;

const args = { message: 'x'.repeat(opts.size) };
let errors = 0;
const latencies = [];

async function phase(count, record) {
    let started = 0;
    async function worker() {
        while (started < count) {
            started++;
            const t0 = process.hrtime.bigint();
            try {
                const result = await client.callTool({ name: 'echo', arguments: args });
                if (result.isError)
                    errors++;
            } catch {
                errors++;
            }
            if (record)
                latencies.push(Number(process.hrtime.bigint() - t0) / 1000);
        }
    }
    const workers = [];
    for (let i = 0; i < opts.depth; i++)
        workers.push(worker());
    await Promise.all(workers);
}

await phase(opts.warmup, false);

const serverBefore = serverTicks(opts.serverPid);
const cpuBefore = process.cpuUsage();
const start = process.hrtime.bigint();
await phase(opts.calls, true);
const elapsed = Number(process.hrtime.bigint() - start) / 1e9;
const cpu = process.cpuUsage(cpuBefore);
const serverAfter = serverTicks(opts.serverPid);

latencies.sort((a, b) => a - b);
const pct = (p) => Math.round(latencies[Math.min(latencies.length, Math.max(1, Math.ceil(p * latencies.length))) - 1]);
const serverCpu = serverBefore >= 0 && serverAfter >= 0
    ? (serverAfter - serverBefore) * (1e6 / ticksPerSecond) / opts.calls : -1;

console.log(JSON.stringify({
    label: opts.label,
    transport: opts.command !== null ? 'stdio' : 'websocket',
    mode: 'direct',
    depth: opts.depth,
    calls: opts.calls,
    calls_per_s: Number((opts.calls / elapsed).toFixed(1)),
    p50_us: pct(0.5), p90_us: pct(0.9), p99_us: pct(0.99), max_us: pct(1),
    server_cpu_us_per_call: Number(serverCpu.toFixed(2)),
    client_cpu_us_per_call: Number(((cpu.user + cpu.system) / opts.calls).toFixed(2)),
    errors,
}));

await client.close();
process.exit(0);
