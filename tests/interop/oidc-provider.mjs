// SPDX-License-Identifier: LGPL-2.1-or-later
//
// A real OpenID provider (the npm package oidc-provider, a certified
// implementation) on 127.0.0.1, for tests/interop/test-oidc-provider.c.
//
//   node oidc-provider.mjs [--alg RS256|ES256] [--access-token-ttl SECONDS]
//                          [--native-client CLIENT_ID]
//
// It listens on a free port, prints `READY <issuer>` on stdout, and serves
// until stdin closes. Configuration, as an MCP deployment would have it:
//
// - dynamic client registration (RFC 7591) open to anyone, so the client
//   under test registers its own loopback redirect URI;
// - resource indicators (RFC 8707): the access token for an MCP server is a
//   JWT (RFC 9068) whose `aud` is that server's URL and whose scope is
//   `mcp:tools`, signed with --alg, verifiable through /jwks;
// - refresh tokens for every client allowed the refresh_token grant;
// - the development login and consent pages, which the test fills in over
//   HTTP as a browser would: any login, any password.
//
// - with --native-client, one pre-registered public native client whose
//   redirect URI is http://127.0.0.1/callback on any port (RFC 8252 7.3).
//
// DPoP stays off: the resource server under test takes bearer tokens.
// GET /test/stats answers what the provider did, for the test to check:
// {"grants": {"authorization_code": N, "refresh_token": N, "registration": N}}.

import { createServer } from 'node:http';
import { generateKeyPairSync } from 'node:crypto';
import { parseArgs } from 'node:util';

import { Provider } from 'oidc-provider';

const { values: options } = parseArgs({
  options: {
    alg: { type: 'string', default: 'RS256' },
    'access-token-ttl': { type: 'string', default: '0' },
    'native-client': { type: 'string' },
  },
});

if (options.alg !== 'RS256' && options.alg !== 'ES256') {
  console.error(`oidc-provider.mjs: unsupported --alg ${options.alg}`);
  process.exit(2);
}

function signingKey(alg) {
  const pair = alg === 'ES256'
    ? generateKeyPairSync('ec', { namedCurve: 'P-256' })
    : generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = pair.privateKey.export({ format: 'jwk' });

  return { ...jwk, alg, use: 'sig', kid: `test-${alg.toLowerCase()}` };
}

const accessTokenTTL = Number(options['access-token-ttl']) || 300;

const server = createServer();

await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));

const issuer = `http://127.0.0.1:${server.address().port}`;

const provider = new Provider(issuer, {
  // The signing keys: the token alg's own key, plus RS256 for ID tokens
  // (the OpenID Connect default), each under its own kid.
  jwks: {
    keys: options.alg === 'RS256' ? [signingKey('RS256')] : [signingKey('ES256'), signingKey('RS256')],
  },
  // No real users: the login page takes any name.
  async findAccount(ctx, id) {
    return {
      accountId: id,
      async claims() {
        return { sub: id };
      },
    };
  },
  clients: options['native-client'] === undefined ? [] : [{
    client_id: options['native-client'],
    application_type: 'native',
    redirect_uris: ['http://127.0.0.1/callback'],
    grant_types: ['authorization_code', 'refresh_token'],
    response_types: ['code'],
    token_endpoint_auth_method: 'none',
  }],
  // The MCP server's scope is the provider's too: clients (the TypeScript
  // SDK's) put it in their registration.
  scopes: ['openid', 'offline_access', 'mcp:tools'],
  clientDefaults: {
    grant_types: ['authorization_code', 'refresh_token'],
    response_types: ['code'],
    token_endpoint_auth_method: 'none',
  },
  features: {
    devInteractions: { enabled: true },
    registration: { enabled: true },
    dPoP: { enabled: false },
    resourceIndicators: {
      enabled: true,
      defaultResource(ctx, client, oneOf) {
        return oneOf ?? undefined;
      },
      useGrantedResource() {
        return true;
      },
      getResourceServerInfo(ctx, resourceIndicator) {
        return {
          scope: 'mcp:tools',
          audience: resourceIndicator,
          accessTokenTTL,
          accessTokenFormat: 'jwt',
          jwt: { sign: { alg: options.alg } },
        };
      },
    },
  },
  async issueRefreshToken(ctx, client) {
    return client.grantTypeAllowed('refresh_token');
  },
  pkce: {
    required() {
      return true;
    },
  },
  ttl: {
    AccessToken: accessTokenTTL,
    AuthorizationCode: 60,
    Grant: 600,
    Interaction: 300,
    RefreshToken: 600,
    Session: 600,
  },
  cookies: {
    keys: ['mcp-glib-interop-test-cookie-key'],
  },
});

provider.on('server_error', (ctx, error) => {
  console.error('oidc-provider server_error:', error);
});

const stats = { grants: {} };

function count(what) {
  stats.grants[what] = (stats.grants[what] ?? 0) + 1;
}

provider.on('grant.success', (ctx) => count(ctx.oidc.params.grant_type));
provider.on('registration_create.success', () => count('registration'));

const callback = provider.callback();

server.on('request', (req, res) => {
  if (req.method === 'GET' && req.url === '/test/stats') {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(stats));
    return;
  }
  callback(req, res);
});

process.stdout.write(`READY ${issuer}\n`);

// The test ends us by closing stdin (or by killing us).
process.stdin.resume();
process.stdin.on('end', () => {
  server.close();
  process.exit(0);
});
