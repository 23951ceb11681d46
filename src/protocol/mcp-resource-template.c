/* mcp-resource-template.c
 *
 * Copyright 2026 The mcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include "mcp-error.h"
#include "mcp-json-node-private.h"
#include "mcp-metadata-private.h"
#include "mcp-required-permission-private.h"
#include "mcp-cache-hints-private.h"
#include "mcp-resource-template.h"

/**
 * McpResourceTemplate:
 *
 * A family of resources whose URIs follow a template, such as
 * `file:///logs/{date}.txt`, as `resources/templates/list` shows it.
 *
 * Templates use level 1 of RFC 6570: each `{name}` stands for one
 * non-empty, percent-encoded value that holds no `/`, `?` or `#`.
 * mcp_resource_template_match() checks a URI against the template and
 * extracts the (decoded) values; a server calls the template's handler with
 * them for every `resources/read` of a matching URI that is not a registered
 * resource of its own.
 *
 * Since: 0.1
 */

struct _McpResourceTemplate
{
  GObject      parent_instance;

  McpMetadata  metadata;
  GArray      *parts;   /* Part, or NULL when the template is beyond level 1 */
};

G_DEFINE_FINAL_TYPE (McpResourceTemplate, mcp_resource_template, G_TYPE_OBJECT)

#define METADATA_FIELDS (MCP_METADATA_URI_TEMPLATE | MCP_METADATA_NAME | MCP_METADATA_TITLE | \
                         MCP_METADATA_DESCRIPTION | MCP_METADATA_MIME_TYPE | \
                         MCP_METADATA_ANNOTATIONS | MCP_METADATA_ICONS | MCP_METADATA_META)

#define N_PROPS MCP_METADATA_N_PROPS

static GParamSpec *properties[N_PROPS];

/* Template parsing and matching ---------------------------------------------- */

/* A URI a template is matched against stays short in practice; the cap bounds
 * the backtracking of templates with several variables. A step moves over
 * one part, forward or back. On top of the cap, a match may take one step
 * per part and three per character of the URI (what growing each value to
 * its length costs), so that no template is too long to match. */
#define MAX_MATCH_STEPS 100000

/* A literal or a variable name: a span of the template string, which the
 * template keeps unchanged (uri-template is construct-only). */
typedef struct
{
  const char *text;
  gsize       length;
  gboolean    is_variable;
} Part;

static gboolean
is_varchar (char c)
{
  return g_ascii_isalnum (c) || c == '_' || c == '.' || c == '%';
}

/* Splits a level 1 template into literals and variables; NULL if the
 * template uses operators or is malformed. */
static GArray *
parse_template (const char *uri_template)
{
  g_autoptr(GArray) parts = g_array_new (FALSE, FALSE, sizeof (Part));
  const char *p = uri_template;

  if (uri_template == NULL)
    return NULL;

  while (*p != '\0')
    {
      Part part = { p, 0, *p == '{' };
      const char *end;

      if (part.is_variable)
        {
          part.text = ++p;
          while (is_varchar (*p))
            p++;
          if (*p != '}' || p == part.text)
            return NULL;
          end = p++;
        }
      else
        {
          p += strcspn (p, "{}");
          if (*p == '}')
            return NULL;
          end = p;
        }

      part.length = end - part.text;
      g_array_append_val (parts, part);
    }

  return g_steal_pointer (&parts);
}

static gboolean
is_value_char (char c)
{
  return c != '/' && c != '?' && c != '#';
}

/* Finds where each part of @parts begins in @uri: on success (*@bounds)[i]
 * is the offset of part i and (*@bounds)[n_parts] the length of @uri.
 * Values are as short as they can be, earlier ones first, as a depth-first
 * search would have them; the search keeps its state in @bounds, so its
 * depth does not depend on the number of parts. */
static gboolean
match_parts (GArray      *parts,
             const char  *uri,
             gsize      **bounds)
{
  gsize length = strlen (uri);
  g_autofree gsize *at = g_new (gsize, parts->len + 1);
  guint64 budget = MAX_MATCH_STEPS + (guint64) parts->len + 3 * (guint64) length;
  guint64 steps = 0;
  guint i = 0;

  at[0] = 0;
  while (steps++ < budget)
    {
      const Part *part = i < parts->len ? &g_array_index (parts, Part, i) : NULL;
      gsize pos = at[i];

      if (part == NULL && pos == length)
        {
          *bounds = g_steal_pointer (&at);
          return TRUE;
        }

      /* A value is at least one character and never crosses a '/', '?' or '#'. */
      if (part != NULL && part->is_variable && pos < length && is_value_char (uri[pos]))
        {
          at[++i] = pos + 1;
          continue;
        }

      if (part != NULL && !part->is_variable &&
          length - pos >= part->length && memcmp (uri + pos, part->text, part->length) == 0)
        {
          at[++i] = pos + part->length;
          continue;
        }

      /* No way on from here: make the closest earlier value one longer. */
      while (i > 0 && steps++ < budget)
        {
          gsize next = at[i];

          part = &g_array_index (parts, Part, --i);
          if (part->is_variable && next < length && is_value_char (uri[next]))
            {
              at[++i] = next + 1;
              break;
            }
        }

      if (i == 0)
        return FALSE;
    }

  return FALSE;
}

static void
mcp_resource_template_finalize (GObject *object)
{
  McpResourceTemplate *self = (McpResourceTemplate *) object;

  _mcp_metadata_clear (&self->metadata);
  g_clear_pointer (&self->parts, g_array_unref);

  G_OBJECT_CLASS (mcp_resource_template_parent_class)->finalize (object);
}

static void
mcp_resource_template_constructed (GObject *object)
{
  McpResourceTemplate *self = (McpResourceTemplate *) object;

  G_OBJECT_CLASS (mcp_resource_template_parent_class)->constructed (object);

  self->parts = parse_template (self->metadata.uri);
}

static void
mcp_resource_template_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  McpResourceTemplate *self = MCP_RESOURCE_TEMPLATE (object);

  if (_mcp_metadata_get_property (&self->metadata, prop_id, value))
    return;

  G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
mcp_resource_template_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  McpResourceTemplate *self = MCP_RESOURCE_TEMPLATE (object);

  if (_mcp_metadata_set_property (&self->metadata, prop_id, value))
    return;

  G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
mcp_resource_template_class_init (McpResourceTemplateClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = mcp_resource_template_constructed;
  object_class->finalize = mcp_resource_template_finalize;
  object_class->get_property = mcp_resource_template_get_property;
  object_class->set_property = mcp_resource_template_set_property;

  /**
   * McpResourceTemplate:uri-template:
   *
   * The RFC 6570 URI template, such as `test://template/{id}/data`.
   *
   * Since: 0.1
   */
  /**
   * McpResourceTemplate:name:
   *
   * A short name for programs (and for display when there is no title).
   *
   * Since: 0.1
   */
  /**
   * McpResourceTemplate:title:
   *
   * A human-readable title for display.
   *
   * Since: 0.1
   */
  /**
   * McpResourceTemplate:description:
   *
   * What the resources hold, for the model.
   *
   * Since: 0.1
   */
  /**
   * McpResourceTemplate:mime-type:
   *
   * The MIME type of the contents, if known.
   *
   * Since: 0.1
   */
  /**
   * McpResourceTemplate:annotations:
   *
   * Hints for the client (`audience`, `priority`, `lastModified`).
   *
   * Since: 0.1
   */
  /**
   * McpResourceTemplate:icons:
   *
   * An array of icons (`src`, `mimeType`, `sizes`, `theme`).
   *
   * Since: 0.1
   */
  /**
   * McpResourceTemplate:meta:
   *
   * The `_meta` object passed through as is.
   *
   * Since: 0.1
   */
  _mcp_metadata_install_properties (object_class, properties, N_PROPS, METADATA_FIELDS);
}

static void
mcp_resource_template_init (McpResourceTemplate *self)
{
  _mcp_metadata_init (&self->metadata, G_OBJECT (self), properties, METADATA_FIELDS);
}

/**
 * mcp_resource_template_new:
 * @uri_template: the RFC 6570 URI template
 * @name: its name
 *
 * Creates the description of a resource template.
 *
 * Returns: (transfer full): a new #McpResourceTemplate
 *
 * Since: 0.1
 */
McpResourceTemplate *
mcp_resource_template_new (const char *uri_template,
                           const char *name)
{
  g_return_val_if_fail (uri_template != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  return g_object_new (MCP_TYPE_RESOURCE_TEMPLATE,
                       "uri-template", uri_template,
                       "name", name,
                       NULL);
}

/**
 * mcp_resource_template_new_from_json:
 * @node: a `ResourceTemplate` object as found in
 *   `resources/templates/list` results
 * @error: return location for a #GError
 *
 * Parses a resource template. Only `uriTemplate` and `name` are required;
 * members of the wrong type are ignored.
 *
 * Returns: (transfer full): a new #McpResourceTemplate, or %NULL with @error set
 *
 * Since: 0.1
 */
McpResourceTemplate *
mcp_resource_template_new_from_json (JsonNode  *node,
                                     GError   **error)
{
  McpResourceTemplate *self;
  JsonObject *object;

  g_return_val_if_fail (node != NULL, NULL);

  object = _mcp_metadata_check_json (node, "A resource template",
                                     MCP_METADATA_URI_TEMPLATE | MCP_METADATA_NAME, error);
  if (object == NULL)
    return NULL;

  self = mcp_resource_template_new (_mcp_json_object_get_string (object, "uriTemplate"),
                                    _mcp_json_object_get_string (object, "name"));
  _mcp_metadata_from_json (&self->metadata, object);

  return self;
}

/**
 * mcp_resource_template_to_json:
 * @self: a #McpResourceTemplate
 *
 * Serializes the template as a `ResourceTemplate` object.
 *
 * Returns: (transfer full): a new JSON object
 *
 * Since: 0.1
 */
JsonNode *
mcp_resource_template_to_json (McpResourceTemplate *self)
{
  JsonObject *object;

  g_return_val_if_fail (MCP_IS_RESOURCE_TEMPLATE (self), NULL);

  object = json_object_new ();
  _mcp_metadata_to_json (&self->metadata, object);

  return _mcp_json_node_new_object (object);
}

/**
 * mcp_resource_template_get_uri_template:
 * @self: a #McpResourceTemplate
 *
 * Gets the URI template.
 *
 * Returns: the URI template
 *
 * Since: 0.1
 */
const char *
mcp_resource_template_get_uri_template (McpResourceTemplate *self)
{
  g_return_val_if_fail (MCP_IS_RESOURCE_TEMPLATE (self), NULL);

  return self->metadata.uri;
}

/**
 * mcp_resource_template_get_name:
 * @self: a #McpResourceTemplate
 *
 * Gets the template's name.
 *
 * Returns: the template's name
 *
 * Since: 0.1
 */
const char *
mcp_resource_template_get_name (McpResourceTemplate *self)
{
  g_return_val_if_fail (MCP_IS_RESOURCE_TEMPLATE (self), NULL);

  return self->metadata.name;
}

/**
 * mcp_resource_template_get_title:
 * @self: a #McpResourceTemplate
 *
 * Gets the human-readable title.
 *
 * Returns: (nullable): the human-readable title
 *
 * Since: 0.1
 */
const char *
mcp_resource_template_get_title (McpResourceTemplate *self)
{
  g_return_val_if_fail (MCP_IS_RESOURCE_TEMPLATE (self), NULL);

  return self->metadata.title;
}

/**
 * mcp_resource_template_set_title:
 * @self: a #McpResourceTemplate
 * @title: (nullable): a human-readable title
 *
 * Sets #McpResourceTemplate:title.
 *
 * Since: 0.1
 */
void
mcp_resource_template_set_title (McpResourceTemplate *self,
                                 const char  *title)
{
  g_return_if_fail (MCP_IS_RESOURCE_TEMPLATE (self));

  _mcp_metadata_set_string (&self->metadata, MCP_METADATA_PROP_TITLE, title);
}

/**
 * mcp_resource_template_get_description:
 * @self: a #McpResourceTemplate
 *
 * Gets the description.
 *
 * Returns: (nullable): the description
 *
 * Since: 0.1
 */
const char *
mcp_resource_template_get_description (McpResourceTemplate *self)
{
  g_return_val_if_fail (MCP_IS_RESOURCE_TEMPLATE (self), NULL);

  return self->metadata.description;
}

/**
 * mcp_resource_template_set_description:
 * @self: a #McpResourceTemplate
 * @description: (nullable): what the resources hold
 *
 * Sets #McpResourceTemplate:description.
 *
 * Since: 0.1
 */
void
mcp_resource_template_set_description (McpResourceTemplate *self,
                                       const char  *description)
{
  g_return_if_fail (MCP_IS_RESOURCE_TEMPLATE (self));

  _mcp_metadata_set_string (&self->metadata, MCP_METADATA_PROP_DESCRIPTION, description);
}

/**
 * mcp_resource_template_get_mime_type:
 * @self: a #McpResourceTemplate
 *
 * Gets the MIME type.
 *
 * Returns: (nullable): the MIME type
 *
 * Since: 0.1
 */
const char *
mcp_resource_template_get_mime_type (McpResourceTemplate *self)
{
  g_return_val_if_fail (MCP_IS_RESOURCE_TEMPLATE (self), NULL);

  return self->metadata.mime_type;
}

/**
 * mcp_resource_template_set_mime_type:
 * @self: a #McpResourceTemplate
 * @mime_type: (nullable): the MIME type of the contents
 *
 * Sets #McpResourceTemplate:mime-type.
 *
 * Since: 0.1
 */
void
mcp_resource_template_set_mime_type (McpResourceTemplate *self,
                                     const char  *mime_type)
{
  g_return_if_fail (MCP_IS_RESOURCE_TEMPLATE (self));

  _mcp_metadata_set_string (&self->metadata, MCP_METADATA_PROP_MIME_TYPE, mime_type);
}

/**
 * mcp_resource_template_get_annotations:
 * @self: a #McpResourceTemplate
 *
 * Gets the annotations object.
 *
 * Returns: (transfer none) (nullable): the annotations object
 *
 * Since: 0.1
 */
JsonNode *
mcp_resource_template_get_annotations (McpResourceTemplate *self)
{
  g_return_val_if_fail (MCP_IS_RESOURCE_TEMPLATE (self), NULL);

  return self->metadata.annotations;
}

/**
 * mcp_resource_template_set_annotations:
 * @self: a #McpResourceTemplate
 * @annotations: (nullable): an `Annotations` object
 *
 * Sets #McpResourceTemplate:annotations.
 *
 * Since: 0.1
 */
void
mcp_resource_template_set_annotations (McpResourceTemplate *self,
                                       JsonNode    *annotations)
{
  g_return_if_fail (MCP_IS_RESOURCE_TEMPLATE (self));

  _mcp_metadata_set_node (&self->metadata, MCP_METADATA_PROP_ANNOTATIONS, annotations);
}

/**
 * mcp_resource_template_get_icons:
 * @self: a #McpResourceTemplate
 *
 * Gets the icons array.
 *
 * Returns: (transfer none) (nullable): the icons array
 *
 * Since: 0.1
 */
JsonNode *
mcp_resource_template_get_icons (McpResourceTemplate *self)
{
  g_return_val_if_fail (MCP_IS_RESOURCE_TEMPLATE (self), NULL);

  return self->metadata.icons;
}

/**
 * mcp_resource_template_set_icons:
 * @self: a #McpResourceTemplate
 * @icons: (nullable): an array of `Icon` objects
 *
 * Sets #McpResourceTemplate:icons.
 *
 * Since: 0.1
 */
void
mcp_resource_template_set_icons (McpResourceTemplate *self,
                                 JsonNode    *icons)
{
  g_return_if_fail (MCP_IS_RESOURCE_TEMPLATE (self));

  _mcp_metadata_set_node (&self->metadata, MCP_METADATA_PROP_ICONS, icons);
}

/**
 * mcp_resource_template_get_meta:
 * @self: a #McpResourceTemplate
 *
 * Gets the `_meta` object.
 *
 * Returns: (transfer none) (nullable): the `_meta` object
 *
 * Since: 0.1
 */
JsonNode *
mcp_resource_template_get_meta (McpResourceTemplate *self)
{
  g_return_val_if_fail (MCP_IS_RESOURCE_TEMPLATE (self), NULL);

  return self->metadata.meta;
}

/**
 * mcp_resource_template_set_meta:
 * @self: a #McpResourceTemplate
 * @meta: (nullable): a `_meta` object
 *
 * Sets #McpResourceTemplate:meta.
 *
 * Since: 0.1
 */
void
mcp_resource_template_set_meta (McpResourceTemplate *self,
                                JsonNode    *meta)
{
  g_return_if_fail (MCP_IS_RESOURCE_TEMPLATE (self));

  _mcp_metadata_set_node (&self->metadata, MCP_METADATA_PROP_META, meta);
}

/**
 * mcp_resource_template_dup_variable_names:
 * @self: a #McpResourceTemplate
 *
 * Lists the variables of the template, in order.
 *
 * Returns: (transfer full) (array zero-terminated=1): the variable names;
 *   empty for a template mcp-glib cannot match (beyond RFC 6570 level 1)
 *
 * Since: 0.1
 */
char **
mcp_resource_template_dup_variable_names (McpResourceTemplate *self)
{
  GPtrArray *names;

  g_return_val_if_fail (MCP_IS_RESOURCE_TEMPLATE (self), NULL);

  names = g_ptr_array_new ();
  for (guint i = 0; self->parts != NULL && i < self->parts->len; i++)
    {
      const Part *part = &g_array_index (self->parts, Part, i);

      if (part->is_variable)
        g_ptr_array_add (names, g_strndup (part->text, part->length));
    }

  g_ptr_array_add (names, NULL);
  return (char **) g_ptr_array_free (names, FALSE);
}

/**
 * mcp_resource_template_match:
 * @self: a #McpResourceTemplate
 * @uri: a URI
 * @variables: (out) (optional) (transfer full) (element-type utf8 utf8):
 *   where to store the variables' decoded values, by name
 *
 * Checks whether @uri is one of the URIs the template describes. Each
 * variable matches a non-empty run of characters without `/`, `?` or `#`;
 * its value is percent-decoded, and a value that does not decode to valid
 * UTF-8 does not match. A template may hold any number of variables. The
 * search for values is bounded: a URI that would need more than about a
 * hundred thousand steps of backtracking (adjacent variables over a long
 * run without separators) does not match.
 *
 * Returns: %TRUE if @uri matches
 *
 * Since: 0.1
 */
gboolean
mcp_resource_template_match (McpResourceTemplate  *self,
                             const char           *uri,
                             GHashTable          **variables)
{
  g_autoptr(GHashTable) values = NULL;
  g_autofree gsize *bounds = NULL;

  g_return_val_if_fail (MCP_IS_RESOURCE_TEMPLATE (self), FALSE);
  g_return_val_if_fail (uri != NULL, FALSE);

  if (variables != NULL)
    *variables = NULL;

  if (self->parts == NULL || !match_parts (self->parts, uri, &bounds))
    return FALSE;

  values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  for (guint i = 0; i < self->parts->len; i++)
    {
      const Part *part = &g_array_index (self->parts, Part, i);
      g_autofree char *name = NULL;
      g_autofree char *raw = NULL;
      char *decoded;

      if (!part->is_variable)
        continue;

      name = g_strndup (part->text, part->length);
      raw = g_strndup (uri + bounds[i], bounds[i + 1] - bounds[i]);
      decoded = g_uri_unescape_string (raw, NULL);
      if (decoded == NULL || !g_utf8_validate (decoded, -1, NULL))
        {
          g_free (decoded);
          return FALSE;
        }

      /* The same name twice must mean the same value. */
      if (g_hash_table_contains (values, name) &&
          g_strcmp0 (g_hash_table_lookup (values, name), decoded) != 0)
        {
          g_free (decoded);
          return FALSE;
        }

      g_hash_table_replace (values, g_steal_pointer (&name), decoded);
    }

  if (variables != NULL)
    *variables = g_steal_pointer (&values);

  return TRUE;
}

/**
 * mcp_resource_template_get_required_permission:
 * @self: a #McpResourceTemplate
 *
 * Gets the permission a caller needs for this template.
 *
 * Returns: (nullable): the permission, or %NULL when anyone may use it
 *
 * Since: 0.1
 */
const char *
mcp_resource_template_get_required_permission (McpResourceTemplate *self)
{
  g_return_val_if_fail (MCP_IS_RESOURCE_TEMPLATE (self), NULL);

  return _mcp_required_permission_get (G_OBJECT (self));
}

/**
 * mcp_resource_template_set_required_permission:
 * @self: a #McpResourceTemplate
 * @permission: (nullable): a permission or scope, or %NULL for none
 *
 * Makes the template need @permission (see #McpAuthInfo:permissions): a server
 * refuses to let a caller without it read its resources, subscribe to them or complete its arguments, and leaves it out of that
 * caller's list results. A caller with no identity at all (no auth
 * provider on its transport) never has it. The permission is the server's
 * policy and is never sent to clients. Set it before the template is added to a
 * server.
 *
 * Since: 0.1
 */
void
mcp_resource_template_set_required_permission (McpResourceTemplate *self,
                                               const char          *permission)
{
  g_return_if_fail (MCP_IS_RESOURCE_TEMPLATE (self));

  _mcp_required_permission_set (G_OBJECT (self), permission);
}

/**
 * mcp_resource_template_set_cache_hints:
 * @self: a #McpResourceTemplate
 * @ttl_ms: how many milliseconds a client may keep the reads of the URIs it matches, or -1 for
 *   the server's #McpServer:cache-ttl
 * @scope: who may keep them
 *
 * Sets the `ttlMs` and `cacheScope` of the reads of the URIs it matches on the 2026-07-28
 * era, where a handler did not set its own in the result. They are
 * server-side policy: nothing of them goes out in `resources/list`.
 *
 * Since: 0.1
 */
void
mcp_resource_template_set_cache_hints (McpResourceTemplate   *self,
                                     gint64          ttl_ms,
                                     McpCacheScope   scope)
{
  g_return_if_fail (MCP_IS_RESOURCE_TEMPLATE (self));

  _mcp_cache_hints_set (G_OBJECT (self), ttl_ms, scope);
}

/**
 * mcp_resource_template_get_cache_hints:
 * @self: a #McpResourceTemplate
 * @ttl_ms: (out): the time to keep the reads of the URIs it matches, or -1 when unset
 * @scope: (out): who may keep them
 *
 * Gets what mcp_resource_template_set_cache_hints() set.
 *
 * Returns: whether hints were set
 *
 * Since: 0.1
 */
gboolean
mcp_resource_template_get_cache_hints (McpResourceTemplate   *self,
                                     gint64         *ttl_ms,
                                     McpCacheScope  *scope)
{
  g_return_val_if_fail (MCP_IS_RESOURCE_TEMPLATE (self), FALSE);
  g_return_val_if_fail (ttl_ms != NULL && scope != NULL, FALSE);

  return _mcp_cache_hints_get (G_OBJECT (self), ttl_ms, scope);
}
