// SPDX-License-Identifier: LGPL-2.1-or-later
//
// The official TypeScript SDK v1 client, with its OAuth support, against an
// mcp-glib resource server (tests/interop/test-oidc-provider.c).
//
//   node ts-oauth-client.mjs --url MCP_URL [--timeout SECONDS]
//
// The SDK finds the authorization server from the server's 401, registers
// itself and builds the authorization URL; this script, the application,
// prints `AUTHORIZE <url>` for the test to open, takes the code at its own
// loopback listener (http://127.0.0.1:PORT/callback), hands it to the SDK
// (finishAuth), connects again and calls the tool `whoami`. It prints
// `WHOAMI <answer>` and exits 0, or prints the failure and exits 1. A
// deadline makes sure it never hangs.

import { createServer } from 'node:http';
import { parseArgs } from 'node:util';

import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { UnauthorizedError } from '@modelcontextprotocol/sdk/client/auth.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';

const { values: options } = parseArgs({
  options: {
    url: { type: 'string' },
    timeout: { type: 'string', default: '60' },
  },
});

setTimeout(() => {
  console.log('FAILED deadline');
  process.exit(1);
}, Number(options.timeout) * 1000).unref();

// The loopback listener the authorization server sends the browser back to.
let codeArrived;
const code = new Promise((resolve) => { codeArrived = resolve; });
const listener = createServer((req, res) => {
  const url = new URL(req.url, 'http://127.0.0.1');

  if (url.pathname !== '/callback') {
    res.writeHead(404).end();
    return;
  }
  res.writeHead(200, { 'content-type': 'text/plain' }).end('Signed in; you may close this window.');
  codeArrived(url.searchParams);
});
await new Promise((resolve) => listener.listen(0, '127.0.0.1', resolve));
const redirectUrl = `http://127.0.0.1:${listener.address().port}/callback`;

// What the SDK asks the application to keep; memory is enough here.
class Provider {
  #client;
  #tokens;
  #verifier;
  #state;

  get redirectUrl() { return redirectUrl; }

  get clientMetadata() {
    return {
      client_name: 'mcp-glib interop (TypeScript SDK client)',
      redirect_uris: [redirectUrl],
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      token_endpoint_auth_method: 'none',
      application_type: 'native',
    };
  }

  state() {
    this.#state = crypto.randomUUID();
    return this.#state;
  }

  get expectedState() { return this.#state; }

  clientInformation() { return this.#client; }
  saveClientInformation(info) { this.#client = info; }
  tokens() { return this.#tokens; }
  saveTokens(tokens) { this.#tokens = tokens; }
  saveCodeVerifier(verifier) { this.#verifier = verifier; }
  codeVerifier() { return this.#verifier; }

  redirectToAuthorization(url) {
    console.log(`AUTHORIZE ${url.href}`);
  }
}

const provider = new Provider();

async function connect() {
  const client = new Client({ name: 'ts-oauth-client', version: '1.0.0' });
  const transport = new StreamableHTTPClientTransport(new URL(options.url), { authProvider: provider });

  await client.connect(transport);
  return client;
}

try {
  try {
    await connect();
    throw new Error('the server let us in without a token');
  } catch (error) {
    if (!(error instanceof UnauthorizedError))
      throw error;
  }

  const params = await code;
  if (params.get('state') !== provider.expectedState)
    throw new Error(`the state came back as ${params.get('state')}`);

  const transport = new StreamableHTTPClientTransport(new URL(options.url), { authProvider: provider });
  await transport.finishAuth(params.get('code'));

  const client = await connect();
  const result = await client.callTool({ name: 'whoami', arguments: {} });
  console.log(`WHOAMI ${result.content[0].text}`);
  console.log(`SCOPE ${provider.tokens().scope ?? ''}`);
  await client.close();
  listener.close();
  process.exit(0);
} catch (error) {
  console.log(`FAILED ${error.stack ?? error}`);
  process.exit(1);
}
