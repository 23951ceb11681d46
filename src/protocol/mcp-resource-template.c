/* mcp-resource-template.c
 *
 * Copyright 2026 The mcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include "mcp-error.h"
#include "mcp-json-util-private.h"
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
  GObject   parent_instance;

  char     *uri_template;
  char     *name;
  char     *title;
  char     *description;
  char     *mime_type;
  GPtrArray *parts;   /* Part, or NULL when the template is beyond level 1 */
  JsonNode *annotations;
  JsonNode *icons;
  JsonNode *meta;
};

G_DEFINE_FINAL_TYPE (McpResourceTemplate, mcp_resource_template, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_URI_TEMPLATE,
  PROP_NAME,
  PROP_TITLE,
  PROP_DESCRIPTION,
  PROP_MIME_TYPE,
  PROP_ANNOTATIONS,
  PROP_ICONS,
  PROP_META,
  N_PROPS
};

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

  g_clear_pointer (&self->uri_template, g_free);
  g_clear_pointer (&self->parts, g_ptr_array_unref);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->description, g_free);
  g_clear_pointer (&self->mime_type, g_free);
  g_clear_pointer (&self->annotations, json_node_unref);
  g_clear_pointer (&self->icons, json_node_unref);
  g_clear_pointer (&self->meta, json_node_unref);

  G_OBJECT_CLASS (mcp_resource_template_parent_class)->finalize (object);
}

static void
mcp_resource_template_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  McpResourceTemplate *self = MCP_RESOURCE_TEMPLATE (object);

  switch (prop_id)
    {
    case PROP_URI_TEMPLATE:
      g_value_set_string (value, self->uri_template);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_DESCRIPTION:
      g_value_set_string (value, self->description);
      break;
    case PROP_MIME_TYPE:
      g_value_set_string (value, self->mime_type);
      break;
    case PROP_ANNOTATIONS:
      g_value_set_boxed (value, self->annotations);
      break;
    case PROP_ICONS:
      g_value_set_boxed (value, self->icons);
      break;
    case PROP_META:
      g_value_set_boxed (value, self->meta);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mcp_resource_template_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  McpResourceTemplate *self = MCP_RESOURCE_TEMPLATE (object);

  switch (prop_id)
    {
    case PROP_URI_TEMPLATE:
      self->uri_template = g_value_dup_string (value);
      self->parts = parse_template (self->uri_template);
      break;
    case PROP_NAME:
      self->name = g_value_dup_string (value);
      break;
    case PROP_TITLE:
      mcp_resource_template_set_title (self, g_value_get_string (value));
      break;
    case PROP_DESCRIPTION:
      mcp_resource_template_set_description (self, g_value_get_string (value));
      break;
    case PROP_MIME_TYPE:
      mcp_resource_template_set_mime_type (self, g_value_get_string (value));
      break;
    case PROP_ANNOTATIONS:
      mcp_resource_template_set_annotations (self, g_value_get_boxed (value));
      break;
    case PROP_ICONS:
      mcp_resource_template_set_icons (self, g_value_get_boxed (value));
      break;
    case PROP_META:
      mcp_resource_template_set_meta (self, g_value_get_boxed (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mcp_resource_template_class_init (McpResourceTemplateClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

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
  properties[PROP_URI_TEMPLATE] =
    g_param_spec_string ("uri-template", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * McpResourceTemplate:name:
   *
   * A short name for programs (and for display when there is no title).
   *
   * Since: 0.1
   */
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * McpResourceTemplate:title:
   *
   * A human-readable title for display.
   *
   * Since: 0.1
   */
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * McpResourceTemplate:description:
   *
   * What the resources hold, for the model.
   *
   * Since: 0.1
   */
  properties[PROP_DESCRIPTION] =
    g_param_spec_string ("description", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * McpResourceTemplate:mime-type:
   *
   * The MIME type of the contents, if known.
   *
   * Since: 0.1
   */
  properties[PROP_MIME_TYPE] =
    g_param_spec_string ("mime-type", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * McpResourceTemplate:annotations:
   *
   * Hints for the client (`audience`, `priority`, `lastModified`).
   *
   * Since: 0.1
   */
  properties[PROP_ANNOTATIONS] =
    g_param_spec_boxed ("annotations", NULL, NULL, JSON_TYPE_NODE,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * McpResourceTemplate:icons:
   *
   * An array of icons (`src`, `mimeType`, `sizes`, `theme`).
   *
   * Since: 0.1
   */
  properties[PROP_ICONS] =
    g_param_spec_boxed ("icons", NULL, NULL, JSON_TYPE_NODE,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * McpResourceTemplate:meta:
   *
   * The `_meta` object passed through as is.
   *
   * Since: 0.1
   */
  properties[PROP_META] =
    g_param_spec_boxed ("meta", NULL, NULL, JSON_TYPE_NODE,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mcp_resource_template_init (McpResourceTemplate *self)
{
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
  const char *uri_template;
  const char *name;

  g_return_val_if_fail (node != NULL, NULL);

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error_literal (error, MCP_ERROR, MCP_ERROR_INVALID_PARAMS,
                           "A resource template must be an object");
      return NULL;
    }

  object = json_node_get_object (node);
  uri_template = _mcp_json_object_get_string (object, "uriTemplate");
  name = _mcp_json_object_get_string (object, "name");
  if (uri_template == NULL || name == NULL)
    {
      g_set_error_literal (error, MCP_ERROR, MCP_ERROR_INVALID_PARAMS,
                           "A resource template needs a uriTemplate and a name");
      return NULL;
    }

  self = mcp_resource_template_new (uri_template, name);
  self->title = g_strdup (_mcp_json_object_get_string (object, "title"));
  self->description = g_strdup (_mcp_json_object_get_string (object, "description"));
  self->mime_type = g_strdup (_mcp_json_object_get_string (object, "mimeType"));
  self->annotations = _mcp_json_object_dup_member (object, "annotations", JSON_NODE_OBJECT);
  self->icons = _mcp_json_object_dup_member (object, "icons", JSON_NODE_ARRAY);
  self->meta = _mcp_json_object_dup_member (object, "_meta", JSON_NODE_OBJECT);

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
  json_object_set_string_member (object, "uriTemplate", self->uri_template);
  json_object_set_string_member (object, "name", self->name);
  if (self->title != NULL)
    json_object_set_string_member (object, "title", self->title);
  if (self->description != NULL)
    json_object_set_string_member (object, "description", self->description);
  if (self->mime_type != NULL)
    json_object_set_string_member (object, "mimeType", self->mime_type);
  _mcp_json_object_set_node (object, "annotations", self->annotations);
  _mcp_json_object_set_node (object, "icons", self->icons);
  _mcp_json_object_set_node (object, "_meta", self->meta);

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

  return self->uri_template;
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

  return self->name;
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

  return self->title;
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

  if (_mcp_str_replace (&self->title, title))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
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

  return self->description;
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

  if (_mcp_str_replace (&self->description, description))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DESCRIPTION]);
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

  return self->mime_type;
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

  if (_mcp_str_replace (&self->mime_type, mime_type))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MIME_TYPE]);
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

  return self->annotations;
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
  g_return_if_fail (annotations == NULL || JSON_NODE_HOLDS_OBJECT (annotations));

  if (_mcp_json_node_replace (&self->annotations, annotations))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ANNOTATIONS]);
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

  return self->icons;
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
  g_return_if_fail (icons == NULL || JSON_NODE_HOLDS_ARRAY (icons));

  if (_mcp_json_node_replace (&self->icons, icons))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ICONS]);
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

  return self->meta;
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
  g_return_if_fail (meta == NULL || JSON_NODE_HOLDS_OBJECT (meta));

  if (_mcp_json_node_replace (&self->meta, meta))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_META]);
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
