// file-server.js: serves the files of one directory as MCP resources, over stdio
//
// Copyright 2026 The mcp-glib authors
//
// SPDX-License-Identifier: LGPL-2.1-or-later
//
//   gjs -m file-server.js DIRECTORY
//
// The same server as file-server.c: every regular file directly in DIRECTORY
// is a resource read from disk on demand (text as text, the rest as blobs),
// and the template file:///…/DIRECTORY/{name} reaches files created later.
// No subdirectories, hidden files or symbolic links are served.

import GLib from 'gi://GLib';
import Gio from 'gi://Gio';
import Mcp from 'gi://Mcp?version=1.0';
import System from 'system';

Gio._promisify(Gio.File.prototype, 'load_contents_async', 'load_contents_finish');

// The file a name stands for and its MIME type, or null.
function lookup(root, name) {
    if (!name || name.startsWith('.') || name.includes('/'))
        return null;
    const file = root.get_child(name);
    let info;
    try {
        info = file.query_info('standard::type,standard::content-type',
            Gio.FileQueryInfoFlags.NOFOLLOW_SYMLINKS, null);
    } catch (e) {
        return null;
    }
    if (info.get_file_type() !== Gio.FileType.REGULAR)
        return null;
    const contentType = info.get_content_type();
    const mimeType = contentType ? Gio.content_type_get_mime_type(contentType) : null;
    return {file, mimeType: mimeType ?? 'application/octet-stream'};
}

function reader(root) {
    return (server, read) => {
        const requested = Gio.File.new_for_uri(read.get_uri());
        const parent = requested.get_parent();
        const found = parent?.equal(root) ? lookup(root, requested.get_basename()) : null;
        if (!found) {
            read.return_not_found();
            return;
        }
        // The handler returns now; the read completes when the file is loaded.
        found.file.load_contents_async(read.get_cancellable()).then(([contents]) => {
            if (found.mimeType.startsWith('text/') && !contents.includes(0)) {
                try {
                    const text = new TextDecoder('utf-8', {fatal: true}).decode(contents);
                    read.return_text(found.mimeType, text);
                    return;
                } catch (e) {
                    // Not UTF-8 after all: a blob.
                }
            }
            read.return_blob(found.mimeType, new GLib.Bytes(contents));
        }).catch(() => read.return_not_found());
    };
}

const args = ARGV;
if (args.length !== 1) {
    printerr('usage: gjs -m file-server.js DIRECTORY');
    System.exit(2);
}

const root = Gio.File.new_for_commandline_arg(args[0]);
const server = new Mcp.Server({name: 'file-server', version: '1.0'});
server.set_instructions('Read-only access to the files of one directory.');
const readFile = reader(root);

let children;
try {
    children = root.enumerate_children('standard::name', Gio.FileQueryInfoFlags.NONE, null);
} catch (e) {
    printerr(`file-server.js: ${e.message}`);
    System.exit(1);
}
for (const info of children) {
    const found = lookup(root, info.get_name());
    if (!found)
        continue;
    const resource = Mcp.Resource.new(found.file.get_uri(), info.get_name());
    resource.set_mime_type(found.mimeType);
    resource.set_size(found.file.query_info('standard::size',
        Gio.FileQueryInfoFlags.NOFOLLOW_SYMLINKS, null).get_size());
    server.add_resource(resource, readFile);
}

const template = Mcp.ResourceTemplate.new(`${root.get_uri().replace(/\/$/, '')}/{name}`, 'file');
template.set_description('Any file of the directory, by name');
server.add_resource_template(template, readFile);

const loop = new GLib.MainLoop(null, false);
server.connect('session-removed', () => loop.quit());
server.add_transport(Mcp.StdioTransport.new());
loop.run();
