#!/usr/bin/env node
// SPDX-License-Identifier: LGPL-2.1-or-later
//
// Exercises every fixture of mcp-everything-server with the official
// TypeScript SDK client over stdio and reports TAP on stdout: tools (content
// kinds, logging, progress, errors, input validation), sampling, form and URL
// elicitation and roots answered by this script, resources, templates and
// subscriptions, prompts, completion, 50 concurrent calls, and a cancelled
// call followed by a working ping.
//
//   node ts-features-client.mjs [--timeout SECONDS] -- COMMAND [ARG...]
//
// Runs on Node 20 and 22. Exit status 0 only when every check passed; a
// global deadline makes sure it never hangs.

import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { SSEClientTransport } from '@modelcontextprotocol/sdk/client/sse.js';
import {
  CallToolResultSchema,
  CreateMessageRequestSchema,
  ElicitRequestSchema,
  ElicitationCompleteNotificationSchema,
  ListRootsRequestSchema,
  LoggingMessageNotificationSchema,
  ResourceUpdatedNotificationSchema,
} from '@modelcontextprotocol/sdk/types.js';

function parseArgs (argv) {
  const opts = { timeoutSeconds: 60, command: null, args: [], url: null, transport: 'streamable' };

  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--timeout') {
      opts.timeoutSeconds = Number(argv[++i]);
    } else if (argv[i] === '--url') {
      opts.url = argv[++i];
    } else if (argv[i] === '--transport') {
      opts.transport = argv[++i];
    } else if (argv[i] === '--') {
      [opts.command, ...opts.args] = argv.slice(i + 1);
      break;
    } else {
      [opts.command, ...opts.args] = argv.slice(i);
      break;
    }
  }

  if ((!opts.command && !opts.url) || !(opts.timeoutSeconds > 0) ||
      !['streamable', 'sse'].includes(opts.transport)) {
    console.error('usage: node ts-features-client.mjs [--timeout SECONDS] -- COMMAND [ARG...]\n' +
                  '       node ts-features-client.mjs [--timeout SECONDS] --url URL [--transport streamable|sse]');
    process.exit(2);
  }
  return opts;
}

const opts = parseArgs(process.argv.slice(2));

function assert (condition, message) {
  if (!condition)
    throw new Error(message);
}

function equal (actual, expected, what) {
  assert(actual === expected,
    `${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
}

function isBase64 (data) {
  if (typeof data !== 'string' || data.length === 0 || data.length % 4 !== 0)
    return false;
  try {
    atob(data);
    return true;
  } catch {
    return false;
  }
}

function text (result) {
  return (result?.content ?? []).filter((c) => c.type === 'text').map((c) => c.text).join('\n');
}

async function expectError (promise, code, what) {
  try {
    await promise;
  } catch (error) {
    equal(error.code, code, `${what}: error code`);
    return;
  }
  throw new Error(`${what}: succeeded, expected error ${code}`);
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// What the handlers of this script saw.
const seen = {
  logs: [],
  updated: [],
  completed: [],
  samplings: [],
  elicitations: [],
  roots: 0,
};

const client = new Client(
  { name: 'mcp-glib-features-interop', version: '1.0.0' },
  {
    capabilities: {
      sampling: {},
      // applyDefaults makes the SDK fill in schema defaults (SEP-1034).
      elicitation: { form: { applyDefaults: true }, url: {} },
      roots: { listChanged: true },
    },
  });

client.setRequestHandler(CreateMessageRequestSchema, async (request) => {
  seen.samplings.push(request.params);
  return {
    role: 'assistant',
    content: { type: 'text', text: 'This is a test response from the client' },
    model: 'test-model',
    stopReason: 'endTurn',
  };
});

client.setRequestHandler(ElicitRequestSchema, async (request) => {
  const params = request.params;
  seen.elicitations.push(params);

  if (params.mode === 'url')
    return { action: 'accept' };

  const properties = params.requestedSchema.properties;
  if ('untitledSingle' in properties) {
    return {
      action: 'accept',
      content: {
        untitledSingle: 'option1',
        titledSingle: 'value1',
        legacyEnum: 'opt1',
        untitledMulti: ['option1', 'option2'],
        titledMulti: ['value1', 'value2'],
      },
    };
  }
  if ('verified' in properties)
    return { action: 'accept', content: {} };
  return { action: 'accept', content: { username: 'testuser', email: 'test@example.com' } };
});

client.setRequestHandler(ListRootsRequestSchema, async () => {
  seen.roots++;
  return { roots: [{ uri: 'file:///tmp/interop', name: 'Interop' }] };
});

client.setNotificationHandler(LoggingMessageNotificationSchema, (n) => { seen.logs.push(n.params); });
client.setNotificationHandler(ResourceUpdatedNotificationSchema, (n) => { seen.updated.push(n.params.uri); });
client.setNotificationHandler(ElicitationCompleteNotificationSchema,
  (n) => { seen.completed.push(n.params.elicitationId); });

// Over stdio the script starts the server; over HTTP it is given its URL.
const transport = opts.url
  ? (opts.transport === 'sse'
    ? new SSEClientTransport(new URL(opts.url))
    : new StreamableHTTPClientTransport(new URL(opts.url)))
  : new StdioClientTransport({
    command: opts.command,
    args: opts.args,
    env: process.env,
    stderr: 'inherit',
  });

const FIXTURE_TOOLS = [
  'test_simple_text', 'test_image_content', 'test_audio_content', 'test_embedded_resource',
  'test_multiple_content_types', 'test_tool_with_logging', 'test_tool_with_progress',
  'test_error_handling', 'test_sampling', 'test_elicitation', 'test_elicitation_sep1034_defaults',
  'test_elicitation_sep1330_enums', 'json_schema_2020_12_tool', 'echo', 'add', 'delay',
];

const call = (name, args) => client.callTool({ name, arguments: args });

const CHECKS = [
  ['initialize', async () => {
    await client.connect(transport);
    const caps = client.getServerCapabilities();
    for (const cap of ['tools', 'resources', 'prompts', 'completions', 'logging'])
      assert(caps[cap] !== undefined, `capability ${cap} missing`);
    assert(caps.resources.subscribe === true, 'resources.subscribe not advertised');
    return `server ${client.getServerVersion().name}`;
  }],

  ['tools/list has every fixture, described, with object schemas', async () => {
    const { tools } = await client.listTools();
    const byName = new Map(tools.map((t) => [t.name, t]));
    for (const name of FIXTURE_TOOLS)
      assert(byName.has(name), `no tool ${name}`);
    for (const tool of tools) {
      assert(tool.description, `${tool.name} has no description`);
      equal(tool.inputSchema.type, 'object', `${tool.name} inputSchema.type`);
    }
    const schema = byName.get('json_schema_2020_12_tool').inputSchema;
    equal(schema.$schema, 'https://json-schema.org/draft/2020-12/schema', '$schema');
    assert(schema.$defs?.address, '$defs.address missing');
    equal(schema.additionalProperties, false, 'additionalProperties');
  }],

  ['test_simple_text without arguments', async () => {
    const result = await client.request(
      { method: 'tools/call', params: { name: 'test_simple_text' } }, CallToolResultSchema);
    equal(text(result), 'This is a simple text response for testing.', 'text');
  }],

  ['image, audio, embedded resource and mixed content', async () => {
    const image = (await call('test_image_content', {})).content[0];
    equal(image.type, 'image', 'image type');
    equal(image.mimeType, 'image/png', 'image mimeType');
    assert(isBase64(image.data), 'image data is not base64');

    const audio = (await call('test_audio_content', {})).content[0];
    equal(audio.mimeType, 'audio/wav', 'audio mimeType');
    assert(isBase64(audio.data), 'audio data is not base64');

    const resource = (await call('test_embedded_resource', {})).content[0];
    equal(resource.type, 'resource', 'resource type');
    equal(resource.resource.uri, 'test://embedded-resource', 'resource uri');
    equal(resource.resource.text, 'This is an embedded resource content.', 'resource text');

    const mixed = (await call('test_multiple_content_types', {})).content.map((c) => c.type);
    equal(mixed.join(','), 'text,image,resource', 'mixed content types');
  }],

  ['logging', async () => {
    await client.setLoggingLevel('debug');
    const before = seen.logs.length;
    equal(text(await call('test_tool_with_logging', {})), 'Tool with logging executed successfully',
      'text');
    await sleep(200);
    assert(seen.logs.length - before >= 3, `got ${seen.logs.length - before} log messages`);
  }],

  ['progress', async () => {
    const progress = [];
    const result = await client.request(
      { method: 'tools/call', params: { name: 'test_tool_with_progress', arguments: {} } },
      CallToolResultSchema,
      { onprogress: (p) => progress.push(p.progress) });
    equal(text(result), 'Tool with progress completed', 'text');
    // The stdio SDK client may drop the last one (it races the response).
    assert(progress.length >= 2, `got ${progress.length} progress notifications`);
    for (let i = 1; i < progress.length; i++)
      assert(progress[i] > progress[i - 1], `progress not increasing: ${progress}`);
  }],

  ['tool errors are results', async () => {
    const result = await call('test_error_handling', {});
    equal(result.isError, true, 'isError');
    equal(text(result), 'This tool intentionally returns an error for testing', 'text');
  }],

  ['input validation names the field', async () => {
    const result = await call('json_schema_2020_12_tool',
      { name: 'x', email: 'x@example.com', address: { city: 3 } });
    equal(result.isError, true, 'isError');
    assert(text(result).includes('/address/city'), `message: ${text(result)}`);
    // The schema wants a phone or an email (allOf/anyOf, SEP-2106).
    const ok = await call('json_schema_2020_12_tool',
      { name: 'x', email: 'x@example.com', address: { street: 'a', city: 'b' } });
    assert(!ok.isError, `valid arguments refused: ${text(ok)}`);
  }],

  ['sampling answered by the client', async () => {
    const result = await call('test_sampling', { prompt: 'Test prompt for sampling' });
    equal(text(result), 'LLM response: This is a test response from the client', 'text');
    const params = seen.samplings.at(-1);
    equal(params.maxTokens, 100, 'maxTokens');
    equal(params.messages[0].content.text, 'Test prompt for sampling', 'prompt');
  }],

  ['form elicitation', async () => {
    const result = await call('test_elicitation', { message: 'Please provide your information' });
    equal(text(result),
      'User response: action=accept, content={"username":"testuser","email":"test@example.com"}',
      'text');
  }],

  ['elicitation defaults (SEP-1034)', async () => {
    const result = await call('test_elicitation_sep1034_defaults', {});
    const properties = seen.elicitations.at(-1).requestedSchema.properties;
    equal(properties.name.default, 'John Doe', 'name default');
    equal(properties.age.type, 'integer', 'age type');
    equal(properties.age.default, 30, 'age default');
    equal(properties.score.default, 95.5, 'score default');
    equal(properties.status.default, 'active', 'status default');
    equal(properties.verified.default, true, 'verified default');
    assert(text(result).includes('"name":"John Doe"'), `text: ${text(result)}`);
  }],

  ['elicitation enums (SEP-1330)', async () => {
    const result = await call('test_elicitation_sep1330_enums', {});
    const p = seen.elicitations.at(-1).requestedSchema.properties;
    assert(Array.isArray(p.untitledSingle.enum) && !p.untitledSingle.oneOf, 'untitledSingle');
    assert(Array.isArray(p.titledSingle.oneOf) && !p.titledSingle.enum, 'titledSingle');
    equal(p.legacyEnum.enumNames.length, p.legacyEnum.enum.length, 'legacyEnum enumNames');
    assert(Array.isArray(p.untitledMulti.items.enum), 'untitledMulti');
    assert(Array.isArray(p.titledMulti.items.anyOf), 'titledMulti');
    assert(text(result).startsWith('Elicitation completed: action=accept'), `text: ${text(result)}`);
  }],

  ['URL elicitation and its completion', async () => {
    const result = await call('elicit_url', { url: 'https://example.com/sign-in' });
    equal(text(result), 'URL elicitation: action=accept', 'text');
    const params = seen.elicitations.at(-1);
    equal(params.mode, 'url', 'mode');
    equal(params.url, 'https://example.com/sign-in', 'url');
    await sleep(100);
    assert(seen.completed.includes(params.elicitationId), 'no notifications/elicitation/complete');
  }],

  ['roots answered by the client', async () => {
    equal(text(await call('list_roots', {})), 'Roots: file:///tmp/interop', 'text');
    assert(seen.roots >= 1, 'roots/list never arrived');
  }],

  ['resources and templates', async () => {
    const { resources } = await client.listResources();
    const uris = resources.map((r) => r.uri).sort();
    equal(uris.join(','), 'test://static-binary,test://static-text,test://watched-resource', 'uris');
    for (const r of resources)
      assert(r.name, `${r.uri} has no name`);

    const { resourceTemplates } = await client.listResourceTemplates();
    equal(resourceTemplates[0].uriTemplate, 'test://template/{id}/data', 'template');

    const textContents = (await client.readResource({ uri: 'test://static-text' })).contents[0];
    equal(textContents.mimeType, 'text/plain', 'text mimeType');
    equal(textContents.text, 'This is the content of the static text resource.', 'text');

    const binary = (await client.readResource({ uri: 'test://static-binary' })).contents[0];
    equal(binary.mimeType, 'image/png', 'binary mimeType');
    assert(isBase64(binary.blob), 'blob is not base64');

    const templated = (await client.readResource({ uri: 'test://template/123/data' })).contents[0];
    equal(templated.uri, 'test://template/123/data', 'templated uri');
    assert(templated.text.includes('123'), 'templated text');

    await expectError(client.readResource({ uri: 'test://missing' }), -32002, 'unknown resource');
  }],

  ['subscribe, update, unsubscribe', async () => {
    equal(JSON.stringify(await client.subscribeResource({ uri: 'test://watched-resource' })), '{}',
      'subscribe result');
    await call('notify_resource_updated', { uri: 'test://watched-resource' });
    await sleep(100);
    equal(seen.updated.join(','), 'test://watched-resource', 'updates');
    equal(JSON.stringify(await client.unsubscribeResource({ uri: 'test://watched-resource' })), '{}',
      'unsubscribe result');
    await call('notify_resource_updated', { uri: 'test://watched-resource' });
    await sleep(100);
    equal(seen.updated.length, 1, 'updates after unsubscribing');
    await expectError(client.subscribeResource({ uri: 'test://missing' }), -32002, 'subscribe unknown');
  }],

  ['prompts', async () => {
    const { prompts } = await client.listPrompts();
    equal(prompts.length, 5, 'prompt count');
    for (const p of prompts)
      assert(p.description, `${p.name} has no description`);

    const simple = await client.getPrompt({ name: 'test_simple_prompt' });
    equal(simple.messages[0].content.text, 'This is a simple prompt for testing.', 'simple');

    const withArgs = await client.getPrompt({
      name: 'test_prompt_with_arguments', arguments: { arg1: 'testValue1', arg2: 'testValue2' },
    });
    const json = JSON.stringify(withArgs.messages);
    assert(json.includes('testValue1') && json.includes('testValue2'), 'arguments not used');

    const embedded = await client.getPrompt({
      name: 'test_prompt_with_embedded_resource', arguments: { resourceUri: 'test://example-resource' },
    });
    equal(embedded.messages[0].content.type, 'resource', 'embedded type');
    equal(embedded.messages[0].content.resource.uri, 'test://example-resource', 'embedded uri');

    const image = await client.getPrompt({ name: 'test_prompt_with_image' });
    equal(image.messages[0].content.type, 'image', 'image type');
    assert(isBase64(image.messages[0].content.data), 'image data');

    await expectError(client.getPrompt({ name: 'test_prompt_with_arguments', arguments: { arg1: 'x' } }),
      -32602, 'missing argument');
    await expectError(client.getPrompt({ name: 'nope' }), -32602, 'unknown prompt');
  }],

  ['completion', async () => {
    const prompt = await client.complete({
      ref: { type: 'ref/prompt', name: 'test_prompt_with_arguments' },
      argument: { name: 'arg1', value: 'al' },
    });
    equal(prompt.completion.values.join(','), 'alpha,alpine', 'prompt completion');

    const template = await client.complete({
      ref: { type: 'ref/resource', uri: 'test://template/{id}/data' },
      argument: { name: 'id', value: '12' },
    });
    equal(template.completion.values.join(','), '123', 'template completion');

    await expectError(client.complete({
      ref: { type: 'ref/prompt', name: 'nope' }, argument: { name: 'x', value: '' },
    }), -32602, 'completion of nothing');
  }],

  ['50 concurrent calls', async () => {
    const results = await Promise.all(Array.from({ length: 50 },
      (_, i) => call('echo', { message: `message ${i}` })));
    results.forEach((result, i) => equal(text(result), `Echo: message ${i}`, `call ${i}`));
  }],

  ['a cancelled call, then a working ping', async () => {
    const controller = new AbortController();
    const pending = client.callTool({ name: 'delay', arguments: { ms: 60000 } }, undefined,
      { signal: controller.signal });
    await sleep(100);
    controller.abort('changed my mind');
    try {
      await pending;
      throw new Error('the cancelled call completed');
    } catch (error) {
      assert(controller.signal.aborted, `unexpected error: ${error}`);
    }
    await client.ping();
    equal(text(await call('add', { a: 2, b: 3 })), '5', 'add after cancelling');
  }],
];

const deadline = setTimeout(() => {
  console.log(`Bail out! global deadline of ${opts.timeoutSeconds} s reached`);
  try { transport._process?.kill('SIGKILL'); } catch {}
  process.exit(1);
}, opts.timeoutSeconds * 1000);

let failed = 0;
console.log('TAP version 13');
console.log(`1..${CHECKS.length}`);
for (const [index, [name, run]] of CHECKS.entries()) {
  try {
    const note = await run();
    console.log(`ok ${index + 1} - ${name}`);
    if (note)
      console.log(`# ${note}`);
  } catch (error) {
    failed++;
    console.log(`not ok ${index + 1} - ${name}`);
    console.log(`# ${String(error?.stack ?? error).split('\n').join('\n# ')}`);
    if (index === 0)
      break;
  }
}

try {
  await client.close();
} catch {}
clearTimeout(deadline);
process.exit(failed === 0 ? 0 : 1);
