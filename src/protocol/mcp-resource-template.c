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
  GPtrArray   *parts;   /* Part, or NULL when the template is beyond level 1 */
};

G_DEFINE_FINAL_TYPE (McpResourceTemplate, mcp_resource_template, G_TYPE_OBJECT)

#define METADATA_FIELDS (MCP_METADATA_URI_TEMPLATE | MCP_METADATA_NAME | MCP_METADATA_TITLE | \
                         MCP_METADATA_DESCRIPTION | MCP_METADATA_MIME_TYPE | \
                         MCP_METADATA_ANNOTATIONS | MCP_METADATA_ICONS | MCP_METADATA_META)

#define N_PROPS MCP_METADATA_N_PROPS

static GParamSpec *properties[N_PROPS];

/* Template parsing and matching ---------------------------------------------- */

/* A URI a template is matched against stays short in practice; the cap bounds
 * the backtracking of templates with several variables. */
#define MAX_MATCH_STEPS 100000

typedef struct
{
  char     *text;        /* the literal, or the variable name */
  gboolean  is_variable;
} Part;

static void
part_free (gpointer data)
{
  Part *part = data;

  g_free (part->text);
  g_free (part);
}

static gboolean
is_varchar (char c)
{
  return g_ascii_isalnum (c) || c == '_' || c == '.' || c == '%';
}

/* Splits a level 1 template into literals and variables; NULL if the
 * template uses operators or is malformed. */
static GPtrArray *
parse_template (const char *uri_template)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (part_free);
  const char *p = uri_template;

  if (uri_template == NULL)
    return NULL;

  while (*p != '\0')
    {
      Part *part = g_new0 (Part, 1);

      if (*p == '{')
        {
          const char *close = strchr (p + 1, '}');

          if (close == NULL || close == p + 1)
            {
              part_free (part);
              return NULL;
            }

          for (const char *c = p + 1; c < close; c++)
            {
              if (!is_varchar (*c))
                {
                  part_free (part);
                  return NULL;
                }
            }

          part->is_variable = TRUE;
          part->text = g_strndup (p + 1, close - (p + 1));
          p = close + 1;
        }
      else
        {
          const char *next = strchr (p, '{');

          if (next == NULL)
            next = p + strlen (p);
          if (memchr (p, '}', next - p) != NULL)
            {
              part_free (part);
              return NULL;
            }

          part->text = g_strndup (p, next - p);
          p = next;
        }

      g_ptr_array_add (parts, part);
    }

  return g_steal_pointer (&parts);
}

typedef struct
{
  GPtrArray  *parts;
  const char *uri;
  gsize       length;
  const char *starts[64];
  gsize       lengths[64];
  guint       steps;
} Matcher;

static gboolean
match_from (Matcher *m,
            guint    index,
            gsize    pos)
{
  Part *part;

  if (++m->steps > MAX_MATCH_STEPS)
    return FALSE;

  if (index == m->parts->len)
    return pos == m->length;

  part = g_ptr_array_index (m->parts, index);
  if (!part->is_variable)
    {
      gsize n = strlen (part->text);

      if (m->length - pos < n || memcmp (m->uri + pos, part->text, n) != 0)
        return FALSE;

      return match_from (m, index + 1, pos + n);
    }

  /* A value is at least one character and never crosses a '/', '?' or '#'. */
  for (gsize end = pos + 1; end <= m->length; end++)
    {
      char c = m->uri[end - 1];

      if (c == '/' || c == '?' || c == '#')
        break;

      if (index < G_N_ELEMENTS (m->starts))
        {
          m->starts[index] = m->uri + pos;
          m->lengths[index] = end - pos;
        }

      if (match_from (m, index + 1, end))
        return TRUE;

      if (m->steps > MAX_MATCH_STEPS)
        return FALSE;
    }

  return FALSE;
}

static void
mcp_resource_template_finalize (GObject *object)
{
  McpResourceTemplate *self = (McpResourceTemplate *) object;

  _mcp_metadata_clear (&self->metadata);
  g_clear_pointer (&self->parts, g_ptr_array_unref);

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
  GStrvBuilder *builder;
  char **names;

  g_return_val_if_fail (MCP_IS_RESOURCE_TEMPLATE (self), NULL);

  builder = g_strv_builder_new ();
  for (guint i = 0; self->parts != NULL && i < self->parts->len; i++)
    {
      Part *part = g_ptr_array_index (self->parts, i);

      if (part->is_variable)
        g_strv_builder_add (builder, part->text);
    }

  names = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);
  return names;
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
 * UTF-8 does not match.
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
  Matcher m = { 0, };

  g_return_val_if_fail (MCP_IS_RESOURCE_TEMPLATE (self), FALSE);
  g_return_val_if_fail (uri != NULL, FALSE);

  if (variables != NULL)
    *variables = NULL;

  if (self->parts == NULL || self->parts->len > G_N_ELEMENTS (m.starts))
    return FALSE;

  m.parts = self->parts;
  m.uri = uri;
  m.length = strlen (uri);
  if (!match_from (&m, 0, 0))
    return FALSE;

  values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  for (guint i = 0; i < self->parts->len; i++)
    {
      Part *part = g_ptr_array_index (self->parts, i);
      g_autofree char *raw = NULL;
      char *decoded;

      if (!part->is_variable)
        continue;

      raw = g_strndup (m.starts[i], m.lengths[i]);
      decoded = g_uri_unescape_string (raw, NULL);
      if (decoded == NULL || !g_utf8_validate (decoded, -1, NULL))
        {
          g_free (decoded);
          return FALSE;
        }

      /* The same name twice must mean the same value. */
      if (g_hash_table_contains (values, part->text) &&
          g_strcmp0 (g_hash_table_lookup (values, part->text), decoded) != 0)
        {
          g_free (decoded);
          return FALSE;
        }

      g_hash_table_replace (values, g_strdup (part->text), decoded);
    }

  if (variables != NULL)
    *variables = g_steal_pointer (&values);

  return TRUE;
}
