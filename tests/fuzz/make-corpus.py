#!/usr/bin/env python3
# Writes the seed corpora of the fuzz targets into tests/fuzz/corpus/<target>/.
# The seeds are small, real MCP traffic and edge cases; the fuzzers grow
# their own corpora from them. Run again after editing; regression inputs
# found by fuzzing are added by hand (files named regression-*) and kept.
#   tests/fuzz/make-corpus.py
import json
import os
import struct
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


def write(target, name, data):
    if isinstance(data, str):
        data = data.encode('utf-8')
    path = os.path.join(HERE, 'corpus', target)
    os.makedirs(path, exist_ok=True)
    with open(os.path.join(path, name), 'wb') as f:
        f.write(data)


def compact(value):
    return json.dumps(value, separators=(',', ':'), ensure_ascii=False)


initialize = {
    'jsonrpc': '2.0', 'id': 1, 'method': 'initialize',
    'params': {
        'protocolVersion': '2025-11-25',
        'capabilities': {'roots': {'listChanged': True}, 'sampling': {}, 'elicitation': {}},
        'clientInfo': {'name': 'fuzz-client', 'version': '1.0.0'},
    },
}
initialize_result = {
    'jsonrpc': '2.0', 'id': 1,
    'result': {
        'protocolVersion': '2025-11-25',
        'capabilities': {'tools': {'listChanged': True}, 'resources': {'subscribe': True},
                         'prompts': {}, 'logging': {}},
        'serverInfo': {'name': 'fuzz-server', 'version': '0.1.0'},
        'instructions': 'Use the tools.',
    },
}
initialized = {'jsonrpc': '2.0', 'method': 'notifications/initialized'}
tools_list = {'jsonrpc': '2.0', 'id': 2, 'method': 'tools/list', 'params': {'cursor': 'abc'}}
tools_list_result = {
    'jsonrpc': '2.0', 'id': 2,
    'result': {'tools': [{
        'name': 'add', 'description': 'Adds two numbers',
        'inputSchema': {'type': 'object',
                        'properties': {'a': {'type': 'number'}, 'b': {'type': 'number'}},
                        'required': ['a', 'b']},
        'annotations': {'readOnlyHint': True},
    }], 'nextCursor': 'def'},
}
tools_call = {
    'jsonrpc': '2.0', 'id': 'call-7', 'method': 'tools/call',
    'params': {'name': 'add', 'arguments': {'a': 1.5, 'b': -2},
               '_meta': {'progressToken': 'tok'}},
}
tools_call_result = {
    'jsonrpc': '2.0', 'id': 'call-7',
    'result': {'content': [{'type': 'text', 'text': '-0.5'}],
               'structuredContent': {'sum': -0.5}, 'isError': False},
}
error_reply = {'jsonrpc': '2.0', 'id': 3,
               'error': {'code': -32601, 'message': 'Method not found: foo/bar'}}
error_data = {'jsonrpc': '2.0', 'id': 'x',
              'error': {'code': -32602, 'message': 'Invalid params',
                        'data': {'path': '/a', 'expected': ['number']}}}
error_null_id = {'jsonrpc': '2.0', 'id': None,
                 'error': {'code': -32700, 'message': 'Parse error'}}
progress = {'jsonrpc': '2.0', 'method': 'notifications/progress',
            'params': {'progressToken': 'tok', 'progress': 50, 'total': 100,
                       'message': 'half way'}}
cancelled = {'jsonrpc': '2.0', 'method': 'notifications/cancelled',
             'params': {'requestId': 'call-7', 'reason': 'user'}}
ping = {'jsonrpc': '2.0', 'id': 0, 'method': 'ping'}
resources_read = {'jsonrpc': '2.0', 'id': 9, 'method': 'resources/read',
                  'params': {'uri': 'file:///logs/2026-01-01.txt'}}
resources_read_result = {'jsonrpc': '2.0', 'id': 9, 'result': {'contents': [
    {'uri': 'file:///logs/2026-01-01.txt', 'mimeType': 'text/plain', 'text': 'ok\n'},
    {'uri': 'file:///a.bin', 'blob': 'AAEC/w=='}]}}
sampling = {'jsonrpc': '2.0', 'id': 10, 'method': 'sampling/createMessage',
            'params': {'messages': [{'role': 'user', 'content': {'type': 'text', 'text': 'hé ✓ 𝄞'}}],
                       'maxTokens': 100}}
elicit = {'jsonrpc': '2.0', 'id': 11, 'method': 'elicitation/create',
          'params': {'message': 'Name?', 'requestedSchema': {
              'type': 'object', 'properties': {'name': {'type': 'string', 'minLength': 1}},
              'required': ['name']}}}
log_message = {'jsonrpc': '2.0', 'method': 'notifications/message',
               'params': {'level': 'warning', 'logger': 'fuzz', 'data': {'k': [1, 2, 3]}}}

messages = {
    'initialize': initialize, 'initialize-result': initialize_result,
    'initialized': initialized, 'tools-list': tools_list,
    'tools-list-result': tools_list_result, 'tools-call': tools_call,
    'tools-call-result': tools_call_result, 'error': error_reply,
    'error-data': error_data, 'error-null-id': error_null_id,
    'progress': progress, 'cancelled': cancelled, 'ping': ping,
    'resources-read': resources_read, 'resources-read-result': resources_read_result,
    'sampling': sampling, 'elicit': elicit, 'log-message': log_message,
}

# Messages that break the rules, and JSON that is hard to read right.
edge = {
    'batch': compact([ping, tools_list, initialized]),
    'batch-empty': '[]',
    'no-jsonrpc': '{"id":1,"method":"ping"}',
    'jsonrpc-1': '{"jsonrpc":"1.0","id":1,"method":"ping"}',
    'id-null-request': '{"jsonrpc":"2.0","id":null,"method":"ping"}',
    'id-float': '{"jsonrpc":"2.0","id":1.5,"method":"ping"}',
    'id-object': '{"jsonrpc":"2.0","id":{"a":1},"result":{}}',
    'id-huge': '{"jsonrpc":"2.0","id":92233720368547758070,"method":"ping"}',
    'id-min': '{"jsonrpc":"2.0","id":-9223372036854775808,"method":"ping"}',
    'params-array': '{"jsonrpc":"2.0","id":1,"method":"tools/call","params":[1,2]}',
    'params-null': '{"jsonrpc":"2.0","method":"notifications/progress","params":null}',
    'method-number': '{"jsonrpc":"2.0","id":1,"method":5}',
    'result-and-error': '{"jsonrpc":"2.0","id":1,"result":{},"error":{"code":1,"message":"x"}}',
    'error-code-string': '{"jsonrpc":"2.0","id":1,"error":{"code":"-32600","message":"x"}}',
    'error-code-big': '{"jsonrpc":"2.0","id":1,"error":{"code":4294967297,"message":"x"}}',
    'error-no-message': '{"jsonrpc":"2.0","id":1,"error":{"code":-1}}',
    'duplicate-keys': '{"jsonrpc":"2.0","id":1,"id":"2","method":"ping","method":"x"}',
    'unicode-escapes': '{"jsonrpc":"2.0","id":"\\u00e9\\ud834\\udd1e\\u0041","method":"p\\u0000ing"}',
    'lone-surrogate': '{"jsonrpc":"2.0","id":"\\ud800","method":"ping"}',
    'escapes': '["\\"\\\\\\/\\b\\f\\n\\r\\t"]',
    'numbers': '[0,-0,1e400,-1e-400,0.1,1E+2,123456789012345678901234567890,-0.0,5e-324]',
    'deep': '[' * 300 + ']' * 300,
    'deep-ok': '{"a":' * 200 + '1' + '}' * 200,
    'whitespace': ' \t\r\n{ "jsonrpc" : "2.0" , "method" : "ping" } \r\n',
    'bom': '\ufeff{"jsonrpc":"2.0","method":"ping"}',
    'scalars': '"just a string"',
    'trailing-comma': '{"jsonrpc":"2.0","method":"ping",}',
    'single-quotes': "{'jsonrpc':'2.0'}",
    'comment': '/* c */ {"jsonrpc":"2.0","method":"ping"} // c',
    'octal-escape': '["\\101\\351"]',
    'control-char': '["a\tb"]',
    'two-values': '{"jsonrpc":"2.0","method":"ping"}{"jsonrpc":"2.0","method":"ping"}',
    'invalid-utf8': b'{"jsonrpc":"2.0","method":"\xff\xfe"}',
    'empty': '',
}

json_edges = ['batch', 'duplicate-keys', 'unicode-escapes', 'lone-surrogate', 'escapes',
              'numbers', 'deep', 'deep-ok', 'whitespace', 'bom', 'scalars', 'trailing-comma',
              'single-quotes', 'comment', 'octal-escape', 'control-char', 'two-values',
              'invalid-utf8', 'empty']
for name in list(messages)[:10]:
    write('fuzz-json-reader', name + '.json', compact(messages[name]))
for name, msg in messages.items():
    write('fuzz-message', name + '.json', compact(msg))
for name, text in edge.items():
    if name in json_edges:
        write('fuzz-json-reader', name + '.json', text)
    if name not in json_edges or name in ('batch', 'duplicate-keys', 'lone-surrogate'):
        write('fuzz-message', name + '.json', text)

# Line reader: header of 3 bytes (cap, free-after, error-at-end) and 8 read
# sizes, then the stream.
def lines(name, cap, free_after, fail, sizes, body):
    header = bytes([cap - 1, free_after, fail]) + bytes((list(sizes) + [0] * 8)[:8])
    write('fuzz-line-reader', name, header + (body.encode() if isinstance(body, str) else body))

ndjson = ''.join(compact(m) + '\n' for m in (initialize, initialized, ping))
lines('ndjson', 64, 0, 0, [0], ndjson)
lines('ndjson-byte-by-byte', 64, 0, 0, [1], ndjson)
lines('ndjson-crlf', 64, 0, 0, [7, 3], ndjson.replace('\n', '\r\n'))
lines('too-long', 8, 0, 0, [3, 5], '0123456789\nshort\n0123456789abcdef')
lines('too-long-split', 4, 0, 0, [2], 'abcdefgh\nab\r\nabcd\nabcde\n')
lines('exact-cap', 5, 0, 0, [5, 1], 'abcde\nabcd\r\nabcde\r\n')
lines('blank-lines', 16, 0, 0, [1, 2, 3], '\n\n  \n\t\r\n x \n\r\n')
lines('no-final-newline', 16, 0, 0, [4], 'first\nlast')
lines('error-at-end', 16, 0, 1, [4], 'first\nunfinished')
lines('error-too-long', 4, 0, 1, [2], 'ok\nunfinished-and-long')
lines('free-in-callback', 32, 2, 0, [3], 'a\nb\nc\nd\n')
lines('free-on-too-long', 4, 1, 0, [1], 'toolongline\nx\n')
lines('cr-only', 8, 0, 0, [2], 'a\rb\rc\n\r\r\r\n')
lines('nul-bytes', 8, 0, 0, [1], b'a\x00b\n\x00\n\xff\xfe\n')
lines('big-chunks', 64, 0, 0, [0, 0, 255], 'x' * 100 + '\n' + 'y' * 63 + '\n')
lines('empty', 64, 0, 0, [], '')

# SSE: byte 0 sets the limit ((b * 2) + 1), 8 piece sizes, then the stream.
def sse(name, limit_byte, sizes, body):
    header = bytes([limit_byte]) + bytes((list(sizes) + [0] * 8)[:8])
    write('fuzz-sse-parser', name, header + (body.encode() if isinstance(body, str) else body))

sse('one-event', 255, [0], 'event: message\ndata: ' + compact(tools_call_result) + '\n\n')
sse('primed', 255, [5, 1], 'id: 0\ndata:\n\nid: 1\nevent: message\ndata: {"jsonrpc":"2.0","id":1,"result":{}}\n\n')
sse('multi-data', 255, [3], 'data: line one\ndata: line two\ndata\n\n')
sse('crlf', 255, [1], 'id: a\r\ndata: x\r\n\r\n')
sse('cr-only', 255, [2, 3], 'id: b\rdata: y\r\r')
sse('split-crlf', 255, [6, 1, 1], 'data: z\r\n\r\n')
sse('comments', 255, [4], ': keep-alive\n:\n: ping\n\ndata: after\n\n')
sse('retry', 255, [0], 'retry: 1500\nretry: x\nretry: 99999999999\nretry:\nretry: 10\n\n')
sse('unknown-fields', 255, [0], 'foo: bar\nid\nevent\ndata:no-space\nfield-without-colon\n\n')
sse('no-dispatch-at-end', 255, [0], 'data: never dispatched')
sse('id-only', 255, [0], 'id: 42\n\n')
sse('event-only', 255, [0], 'event: ping\n\n')
sse('limit', 4, [1], 'data: 123456789\n\n')
sse('limit-across-lines', 10, [2], 'data: 12345\ndata: 67890\ndata: abcde\n\n')
sse('nul-bytes', 255, [1], b'data: a\x00b\nid: c\x00d\n\n')
sse('bom', 255, [0], '\ufeffdata: x\n\n')
sse('many-blank', 255, [1], '\n\n\r\n\r\r\n\n')
sse('utf8', 255, [3, 2, 1], 'data: hé ✓ 𝄞\n\n')

# Schema: a schema, a NUL, an instance.
def schema(name, s, instance):
    text = (s if isinstance(s, str) else compact(s)) + '\0' + (instance if isinstance(instance, str) else compact(instance))
    write('fuzz-json-schema', name, text)

add_schema = tools_list_result['result']['tools'][0]['inputSchema']
schema('tool-input', add_schema, {'a': 1, 'b': 2})
schema('tool-input-bad', add_schema, {'a': 'x'})
schema('elicit', elicit['params']['requestedSchema'], {'name': ''})
schema('pattern', {'type': 'string', 'pattern': '^[a-z]+\\d{2,}$'}, 'abc12')
schema('pattern-unicode', {'type': 'string', 'pattern': '^\\u00e9\\ud834\\udd1e\\w\\D$'}, 'é𝄞a!')
schema('pattern-backtrack', {'type': 'string', 'pattern': '^(a+)+$'}, 'a' * 40 + 'b')
schema('pattern-properties', {'type': 'object', 'patternProperties': {'^x-': {'type': 'integer'}},
                              'additionalProperties': False}, {'x-a': 1, 'y': 2})
schema('ref-defs', {'$defs': {'n': {'type': 'number', 'minimum': 0}},
                    'type': 'array', 'items': {'$ref': '#/$defs/n'}}, [1, 2, -3])
schema('ref-cycle', {'$defs': {'a': {'$ref': '#/$defs/b'}, 'b': {'$ref': '#/$defs/a'}},
                     '$ref': '#/$defs/a'}, 1)
schema('ref-recursive', {'$defs': {'tree': {'type': 'object', 'properties': {
    'children': {'type': 'array', 'items': {'$ref': '#/$defs/tree'}}}}},
    '$ref': '#/$defs/tree'}, {'children': [{'children': [{}]}]})
schema('combinators', {'anyOf': [{'type': 'string'}, {'type': 'integer'}],
                       'oneOf': [{'minimum': 5}, {'maximum': 10}],
                       'allOf': [{}], 'not': {'const': 7}}, 8)
schema('if-then-else', {'if': {'properties': {'k': {'const': 'a'}}},
                        'then': {'required': ['a']}, 'else': {'required': ['b']}}, {'k': 'a'})
schema('enum-const', {'enum': [1, '1', None, [1], {'a': 1}], 'const': {'a': 1}}, {'a': 1.0})
schema('numbers', {'type': 'number', 'multipleOf': 0.01, 'exclusiveMinimum': 0,
                   'maximum': 9007199254740993}, 9007199254740993)
schema('multiple-of-int', {'type': 'integer', 'multipleOf': 3}, 9223372036854775807)
schema('strings', {'type': 'string', 'minLength': 2, 'maxLength': 3, 'format': 'email'}, '𝄞𝄞')
schema('arrays', {'type': 'array', 'prefixItems': [{'type': 'string'}], 'items': False,
                  'minItems': 1, 'maxItems': 2, 'uniqueItems': True,
                  'contains': {'type': 'string'}, 'minContains': 1}, ['a', 'a'])
schema('unevaluated', {'type': 'object', 'properties': {'a': {}},
                       'allOf': [{'properties': {'b': {}}}],
                       'unevaluatedProperties': False}, {'a': 1, 'b': 2, 'c': 3})
schema('unevaluated-items', {'prefixItems': [{}], 'unevaluatedItems': {'type': 'integer'}},
       [None, 1, 'x'])
schema('dependencies', {'dependentRequired': {'a': ['b']},
                        'dependentSchemas': {'b': {'required': ['c']}},
                        'propertyNames': {'maxLength': 2}}, {'a': 1, 'b': 2})
schema('draft7', {'$schema': 'http://json-schema.org/draft-07/schema#',
                  'definitions': {'s': {'type': 'string'}},
                  'dependencies': {'a': ['b']}, 'items': [{'$ref': '#/definitions/s'}],
                  'additionalItems': False}, ['x', 1])
schema('boolean-schemas', 'true', 'null')
schema('false-schema', 'false', '{}')
schema('bad-keyword-types', {'type': 5, 'minimum': 'x', 'pattern': '('}, 1)
schema('self', {'type': 'object', 'required': ['type']}, '')
schema('deep-instance', {'items': {'$ref': '#'}}, '[' * 250 + ']' * 250)
schema('type-list', {'type': ['string', 'null', 'integer']}, 1.0)

# URI templates: a template, a NUL, a URI, NUL-separated values.
def uri(name, tmpl, target, *values):
    write('fuzz-uri-template', name, '\0'.join([tmpl, target] + list(values)))

uri('file', 'file:///logs/{date}.txt', 'file:///logs/2026-01-01.txt', '2026-12-31')
uri('two-vars', 'db://{table}/rows/{id}', 'db://users/rows/42', 'orders', '7')
uri('same-name', 'x://{a}/{a}', 'x://1/1', 'v')
uri('same-name-differs', 'x://{a}/{a}', 'x://1/2')
uri('adjacent', 'x://{a}{b}', 'x://abcdef', 'p', 'q')
uri('percent', 'file:///{path}', 'file:///a%20b%C3%A9', 'a b/é?#')
uri('bad-percent', 'file:///{path}', 'file:///%ZZ%00%ff')
uri('operators', 'file:///{+path}', 'file:///a/b')
uri('query-op', 'search://{?q,lang}', 'search://?q=x')
uri('unclosed', 'file:///{path', 'file:///x')
uri('stray-close', 'file:///path}', 'file:///path}')
uri('empty-var', 'file:///{}', 'file:///x')
uri('literal', 'config://app', 'config://app')
uri('literal-mismatch', 'config://app', 'config://app2')
uri('empty', '', '')
uri('dots', 'x://{a.b}/{c_d}/{e%41}', 'x://1/2/3')
uri('slash-in-value', 'x://{a}', 'x://a/b')
uri('query-hash', 'x://{a}?q={b}#{c}', 'x://1?q=2#3', 'u', 'v', 'w')
uri('backtrack', 'x://{a}{b}{c}{d}{e}{f}', 'x://' + 'a' * 60)
uri('many-vars', 'x://' + '/'.join('{v%d}' % i for i in range(40)), 'x://' + '/'.join('1' * 40))
uri('unicode', 'x://é/{v}', 'x://é/%F0%9D%84%9E', '𝄞')

# WWW-Authenticate: header values, NUL-separated.
def challenge(name, *values):
    write('fuzz-www-authenticate', name, '\0'.join(values))

challenge('bearer', 'Bearer resource_metadata="https://mcp.example/.well-known/oauth-protected-resource/mcp", scope="files:read"')
challenge('step-up', 'Bearer error="insufficient_scope", scope="a b", error_description="more scope"')
challenge('dpop-and-bearer', 'DPoP error="use_dpop_nonce", algs="ES256"', 'Bearer realm="x"')
challenge('token68', 'Negotiate YIIBhgYGKwYBBQUCoII==, Basic realm="say \\"hi\\""')
challenge('unterminated', 'Bearer scope="a', 'Bearer scope=')
challenge('commas', 'Bearer ,,, , error=invalid_token,,')

print('corpora written to', os.path.join(HERE, 'corpus'))
