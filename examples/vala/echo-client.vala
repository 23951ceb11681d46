/* echo-client.vala: an MCP client in Vala
 *
 * Copyright 2026 The mcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 *   echo-client COMMAND [ARG...]
 *
 * Starts the server COMMAND over stdio, lists its tools, calls `echo` with
 * progress reporting and prints what came back. Exits 0 when the server
 * echoed the message, 1 otherwise.
 */

async int run (string[] argv) {
    var client = new Mcp.Client ("vala-echo-client", "1.0");
    var transport = new Mcp.StdioTransport.for_command (argv);

    try {
        yield client.connect_async (transport, null);
        print ("connected to %s %s\n", client.get_server_name (), client.get_server_version ());

        var tools = yield client.list_all_tools_async (null);
        foreach (var tool in tools.data)
            print ("  tool %s\n", tool.get_name ());

        var arguments = Json.from_string ("{\"message\": \"hello from Vala\"}");
        uint reports = 0;
        var result = yield client.call_tool_full_async ("echo", arguments,
                                                         Mcp.RequestFlags.PROGRESS, -1,
                                                         (progress, total, message) => {
            reports++;
        }, null);
        var text = result.dup_text ();
        print ("echo: %s\n", text);

        yield client.disconnect_async (null);
        return text == "Echo: hello from Vala" && !result.get_is_error () ? 0 : 1;
    } catch (Error e) {
        printerr ("echo-client: %s\n", e.message);
        return 1;
    }
}

int main (string[] args) {
    if (args.length < 2) {
        printerr ("usage: echo-client COMMAND [ARG...]\n");
        return 2;
    }

    var loop = new MainLoop ();
    int status = 1;
    run.begin (args[1:args.length], (obj, res) => {
        status = run.end (res);
        loop.quit ();
    });
    loop.run ();
    return status;
}
