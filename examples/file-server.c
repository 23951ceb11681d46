/* file-server.c: serves the files of one directory as MCP resources, over stdio
 *
 * Copyright 2026 The mcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 *   file-server DIRECTORY
 *
 * Every regular file directly in DIRECTORY is a resource (file:// URI, MIME
 * type, size), read from disk when a client asks; text comes back as text,
 * anything else as a blob. A resource template, file:///…/DIRECTORY/{name},
 * reaches files created after the server started. Nothing outside DIRECTORY
 * is served: no subdirectories, no hidden files, no symbolic links.
 * Try it: mcp-cli --stdio 'file-server /etc/ssl' resources
 */

#include <stdlib.h>

#include <mcp-glib/mcp-glib.h>

static GFile *root;

/* The file a name stands for, or NULL when serving it would leave the
 * directory or show what was not meant to be shown. */
static GFile *
lookup (const char *name,
        char      **mime_type)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileInfo) info = NULL;

  if (name == NULL || *name == '\0' || *name == '.' || strchr (name, '/') != NULL)
    return NULL;

  file = g_file_get_child (root, name);
  info = g_file_query_info (file,
                            G_FILE_ATTRIBUTE_STANDARD_TYPE ","
                            G_FILE_ATTRIBUTE_STANDARD_CONTENT_TYPE,
                            G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, NULL);
  if (info == NULL || g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR)
    return NULL;

  if (mime_type != NULL)
    {
      const char *content_type = g_file_info_get_content_type (info);

      *mime_type = content_type != NULL ? g_content_type_get_mime_type (content_type) : NULL;
      if (*mime_type == NULL)
        *mime_type = g_strdup ("application/octet-stream");
    }
  return g_steal_pointer (&file);
}

static void
loaded_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(McpResourceRead) read = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *mime_type = NULL;
  g_autoptr(GBytes) bytes = NULL;
  gsize length;

  if (!g_file_load_contents_finish (G_FILE (object), result, &contents, &length, NULL, &error))
    {
      /* Gone since it was listed. */
      mcp_resource_read_return_not_found (read);
      return;
    }

  mime_type = g_object_steal_data (G_OBJECT (read), "mime-type");
  if (g_str_has_prefix (mime_type, "text/") && g_utf8_validate (contents, length, NULL))
    {
      /* A text resource must not hold NUL bytes. */
      if (memchr (contents, '\0', length) == NULL)
        {
          mcp_resource_read_return_text (read, mime_type, contents);
          return;
        }
    }

  bytes = g_bytes_new_take (g_steal_pointer (&contents), length);
  mcp_resource_read_return_blob (read, mime_type, bytes);
}

/* Reads both listed resources and URIs matching the template, from disk,
 * without blocking the main loop. */
static void
read_file (McpServer       *server,
           McpResourceRead *read,
           gpointer         user_data)
{
  g_autoptr(GFile) requested = g_file_new_for_uri (mcp_resource_read_get_uri (read));
  g_autofree char *name = g_file_get_basename (requested);
  g_autoptr(GFile) parent = g_file_get_parent (requested);
  g_autoptr(GFile) file = NULL;
  char *mime_type = NULL;

  if (parent == NULL || !g_file_equal (parent, root) ||
      (file = lookup (name, &mime_type)) == NULL)
    {
      mcp_resource_read_return_not_found (read);
      return;
    }

  g_object_set_data_full (G_OBJECT (read), "mime-type", mime_type, g_free);
  g_file_load_contents_async (file, mcp_resource_read_get_cancellable (read),
                              loaded_cb, g_object_ref (read));
}

static gboolean
add_files (McpServer  *server,
           GError    **error)
{
  g_autoptr(GFileEnumerator) children = NULL;
  GFileInfo *info;

  children = g_file_enumerate_children (root, G_FILE_ATTRIBUTE_STANDARD_NAME, G_FILE_QUERY_INFO_NONE,
                                        NULL, error);
  if (children == NULL)
    return FALSE;

  while ((info = g_file_enumerator_next_file (children, NULL, error)) != NULL)
    {
      g_autoptr(GFileInfo) owned = info;
      g_autofree char *mime_type = NULL;
      g_autoptr(GFile) file = lookup (g_file_info_get_name (info), &mime_type);
      g_autoptr(McpResource) resource = NULL;
      g_autoptr(GFileInfo) details = NULL;
      g_autofree char *uri = NULL;

      if (file == NULL)
        continue;

      uri = g_file_get_uri (file);
      resource = mcp_resource_new (uri, g_file_info_get_name (info));
      mcp_resource_set_mime_type (resource, mime_type);
      details = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE,
                                   G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, NULL);
      if (details != NULL)
        mcp_resource_set_size (resource, g_file_info_get_size (details));
      mcp_server_add_resource (server, resource, read_file, NULL, NULL);
    }

  return error == NULL || *error == NULL;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GMainLoop) loop = NULL;
  g_autoptr(McpServer) server = NULL;
  g_autoptr(McpStdioTransport) stdio = NULL;
  g_autoptr(McpResourceTemplate) template = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *root_uri = NULL;
  g_autofree char *template_uri = NULL;

  if (argc != 2)
    {
      g_printerr ("usage: file-server DIRECTORY\n");
      return 2;
    }

  root = g_file_new_for_commandline_arg (argv[1]);
  loop = g_main_loop_new (NULL, FALSE);
  server = mcp_server_new ("file-server", "1.0");
  mcp_server_set_instructions (server, "Read-only access to the files of one directory.");

  if (!add_files (server, &error))
    {
      g_printerr ("file-server: %s\n", error->message);
      g_object_unref (root);
      return 1;
    }

  root_uri = g_file_get_uri (root);
  template_uri = g_strconcat (root_uri, g_str_has_suffix (root_uri, "/") ? "" : "/", "{name}", NULL);
  template = mcp_resource_template_new (template_uri, "file");
  mcp_resource_template_set_description (template, "Any file of the directory, by name");
  mcp_server_add_resource_template (server, template, read_file, NULL, NULL);

  stdio = mcp_stdio_transport_new ();
  g_signal_connect_swapped (server, "session-removed", G_CALLBACK (g_main_loop_quit), loop);
  mcp_server_add_transport (server, MCP_TRANSPORT (stdio));
  g_main_loop_run (loop);

  g_clear_object (&server);
  g_object_unref (root);
  return 0;
}
