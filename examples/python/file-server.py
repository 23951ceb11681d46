#!/usr/bin/env python3
# file-server.py: serves the files of one directory as MCP resources, over stdio
#
# Copyright 2026 The mcp-glib authors
#
# SPDX-License-Identifier: LGPL-2.1-or-later
#
#   python3 file-server.py DIRECTORY
#
# The same server as file-server.c: every regular file directly in DIRECTORY
# is a resource read from disk on demand (text as text, the rest as blobs),
# and the template file:///…/DIRECTORY/{name} reaches files created later.
# No subdirectories, hidden files or symbolic links are served.

import sys

import gi

gi.require_version('GLib', '2.0')
gi.require_version('Gio', '2.0')
gi.require_version('Mcp', '1.0')

from gi.repository import GLib, Gio, Mcp  # noqa: E402


def lookup(root, name):
    """The file a name stands for and its MIME type, or (None, None)."""
    if not name or name.startswith('.') or '/' in name:
        return None, None
    child = root.get_child(name)
    try:
        info = child.query_info('standard::type,standard::content-type',
                                Gio.FileQueryInfoFlags.NOFOLLOW_SYMLINKS, None)
    except GLib.Error:
        return None, None
    if info.get_file_type() != Gio.FileType.REGULAR:
        return None, None
    content_type = info.get_content_type()
    mime_type = Gio.content_type_get_mime_type(content_type) if content_type else None
    return child, mime_type or 'application/octet-stream'


def make_reader(root):
    def read_file(server, read, *user_data):
        requested = Gio.File.new_for_uri(read.get_uri())
        parent = requested.get_parent()
        file, mime_type = (None, None)
        if parent is not None and parent.equal(root):
            file, mime_type = lookup(root, requested.get_basename())
        if file is None:
            read.return_not_found()
            return

        def loaded(source, result):
            try:
                ok, contents, etag = source.load_contents_finish(result)
            except GLib.Error:
                read.return_not_found()
                return
            if mime_type.startswith('text/') and b'\0' not in contents:
                try:
                    read.return_text(mime_type, contents.decode('utf-8'))
                    return
                except UnicodeDecodeError:
                    pass
            read.return_blob(mime_type, GLib.Bytes.new(contents))

        file.load_contents_async(read.get_cancellable(), loaded)

    return read_file


def main(argv):
    if len(argv) != 2:
        print('usage: file-server.py DIRECTORY', file=sys.stderr)
        return 2

    root = Gio.File.new_for_commandline_arg(argv[1])
    server = Mcp.Server.new('file-server', '1.0')
    server.set_instructions('Read-only access to the files of one directory.')
    read_file = make_reader(root)

    try:
        children = root.enumerate_children('standard::name', Gio.FileQueryInfoFlags.NONE, None)
    except GLib.Error as error:
        print('file-server.py: %s' % error.message, file=sys.stderr)
        return 1
    for info in children:
        file, mime_type = lookup(root, info.get_name())
        if file is None:
            continue
        resource = Mcp.Resource.new(file.get_uri(), info.get_name())
        resource.set_mime_type(mime_type)
        size = file.query_info('standard::size', Gio.FileQueryInfoFlags.NOFOLLOW_SYMLINKS, None)
        resource.set_size(size.get_size())
        server.add_resource(resource, read_file)

    root_uri = root.get_uri().rstrip('/')
    template = Mcp.ResourceTemplate.new(root_uri + '/{name}', 'file')
    template.set_description('Any file of the directory, by name')
    server.add_resource_template(template, read_file)

    loop = GLib.MainLoop()
    server.connect('session-removed', lambda *args: loop.quit())
    server.add_transport(Mcp.StdioTransport.new())
    loop.run()
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
