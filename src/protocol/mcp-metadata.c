/* mcp-metadata.c
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
#include "mcp-str-private.h"

/* One row per property id: the field it stands for, its names as a property
 * and as a JSON member, and where it lives in McpMetadata. Strings are
 * `char *`, the others JSON nodes of @node_type. */
typedef struct
{
  McpMetadataFields  field;
  const char        *property;
  const char        *member;
  gboolean           is_node;
  JsonNodeType       node_type;
  gsize              offset;
} Field;

#define STRING_FIELD(flag, prop, json, slot) \
  { flag, prop, json, FALSE, JSON_NODE_NULL, G_STRUCT_OFFSET (McpMetadata, slot) }
#define NODE_FIELD(flag, prop, json, type, slot) \
  { flag, prop, json, TRUE, type, G_STRUCT_OFFSET (McpMetadata, slot) }

static const Field fields[MCP_METADATA_N_PROPS] = {
  [MCP_METADATA_PROP_URI] = STRING_FIELD (MCP_METADATA_URI, "uri", "uri", uri),
  [MCP_METADATA_PROP_NAME] = STRING_FIELD (MCP_METADATA_NAME, "name", "name", name),
  [MCP_METADATA_PROP_TITLE] = STRING_FIELD (MCP_METADATA_TITLE, "title", "title", title),
  [MCP_METADATA_PROP_DESCRIPTION] =
    STRING_FIELD (MCP_METADATA_DESCRIPTION, "description", "description", description),
  [MCP_METADATA_PROP_MIME_TYPE] =
    STRING_FIELD (MCP_METADATA_MIME_TYPE, "mime-type", "mimeType", mime_type),
  [MCP_METADATA_PROP_ANNOTATIONS] =
    NODE_FIELD (MCP_METADATA_ANNOTATIONS, "annotations", "annotations", JSON_NODE_OBJECT,
                annotations),
  [MCP_METADATA_PROP_ICONS] =
    NODE_FIELD (MCP_METADATA_ICONS, "icons", "icons", JSON_NODE_ARRAY, icons),
  [MCP_METADATA_PROP_META] =
    NODE_FIELD (MCP_METADATA_META, "meta", "_meta", JSON_NODE_OBJECT, meta),
  [MCP_METADATA_PROP_VERSION] =
    STRING_FIELD (MCP_METADATA_VERSION, "version", "version", version),
  [MCP_METADATA_PROP_WEBSITE_URL] =
    STRING_FIELD (MCP_METADATA_WEBSITE_URL, "website-url", "websiteUrl", website_url),
};

/* The uri field of a resource template is its "uriTemplate". */
static const Field uri_template_field =
  STRING_FIELD (MCP_METADATA_URI_TEMPLATE, "uri-template", "uriTemplate", uri);

static const Field *
lookup (McpMetadataFields present,
        guint             prop_id)
{
  if (prop_id == MCP_METADATA_PROP_URI && (present & MCP_METADATA_URI_TEMPLATE) != 0)
    return &uri_template_field;

  if (prop_id == 0 || prop_id >= MCP_METADATA_N_PROPS || (present & fields[prop_id].field) == 0)
    return NULL;

  return &fields[prop_id];
}

/* The next field of @metadata after *@prop_id, in id order, or NULL. */
static const Field *
next_field (McpMetadata *metadata,
            guint       *prop_id)
{
  while (++*prop_id < MCP_METADATA_N_PROPS)
    {
      const Field *field = lookup (metadata->fields, *prop_id);

      if (field != NULL)
        return field;
    }

  return NULL;
}

static inline gpointer
slot_of (McpMetadata *metadata,
         const Field *field)
{
  return G_STRUCT_MEMBER_P (metadata, field->offset);
}

static inline gboolean
is_identity (guint prop_id)
{
  return prop_id == MCP_METADATA_PROP_URI || prop_id == MCP_METADATA_PROP_NAME ||
         prop_id == MCP_METADATA_PROP_VERSION;
}

/* Creates the GParamSpecs of the fields in @present at their ids in @pspecs,
 * then installs every non-NULL one of @pspecs (the type's own ones too, which
 * it has created beforehand, and any metadata one it made itself, to give
 * it a default). The identity (uri, name, version) is construct-only. */
void
_mcp_metadata_install_properties (GObjectClass       *object_class,
                                  GParamSpec        **pspecs,
                                  guint               n_pspecs,
                                  McpMetadataFields   present)
{
  g_return_if_fail (n_pspecs >= MCP_METADATA_N_PROPS);

  for (guint prop_id = 1; prop_id < MCP_METADATA_N_PROPS; prop_id++)
    {
      const Field *field = lookup (present, prop_id);
      GParamFlags flags = G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS;

      if (field == NULL || pspecs[prop_id] != NULL)
        continue;

      flags |= is_identity (prop_id) ? G_PARAM_CONSTRUCT_ONLY : G_PARAM_EXPLICIT_NOTIFY;
      if (field->is_node)
        pspecs[prop_id] = g_param_spec_boxed (field->property, NULL, NULL, JSON_TYPE_NODE, flags);
      else
        pspecs[prop_id] = g_param_spec_string (field->property, NULL, NULL, NULL, flags);
    }

  for (guint prop_id = 1; prop_id < n_pspecs; prop_id++)
    if (pspecs[prop_id] != NULL)
      g_object_class_install_property (object_class, prop_id, pspecs[prop_id]);
}

void
_mcp_metadata_init (McpMetadata        *metadata,
                    GObject            *owner,
                    GParamSpec        **pspecs,
                    McpMetadataFields   present)
{
  memset (metadata, 0, sizeof *metadata);
  metadata->owner = owner;
  metadata->pspecs = pspecs;
  metadata->fields = present;
}

void
_mcp_metadata_clear (McpMetadata *metadata)
{
  g_clear_pointer (&metadata->uri, g_free);
  g_clear_pointer (&metadata->name, g_free);
  g_clear_pointer (&metadata->title, g_free);
  g_clear_pointer (&metadata->description, g_free);
  g_clear_pointer (&metadata->mime_type, g_free);
  g_clear_pointer (&metadata->annotations, json_node_unref);
  g_clear_pointer (&metadata->icons, json_node_unref);
  g_clear_pointer (&metadata->meta, json_node_unref);
  g_clear_pointer (&metadata->version, g_free);
  g_clear_pointer (&metadata->website_url, g_free);
}

/* Returns FALSE when @prop_id is not one of the metadata's. */
gboolean
_mcp_metadata_get_property (McpMetadata *metadata,
                            guint        prop_id,
                            GValue      *value)
{
  const Field *field = lookup (metadata->fields, prop_id);
  gpointer slot = field != NULL ? slot_of (metadata, field) : NULL;

  if (slot != NULL && field->is_node)
    g_value_set_boxed (value, *(JsonNode **) slot);
  else if (slot != NULL)
    g_value_set_string (value, *(char **) slot);

  return slot != NULL;
}

/* Returns FALSE when @prop_id is not one of the metadata's. */
gboolean
_mcp_metadata_set_property (McpMetadata  *metadata,
                            guint         prop_id,
                            const GValue *value)
{
  const Field *field = lookup (metadata->fields, prop_id);

  if (field == NULL)
    return FALSE;

  if (is_identity (prop_id))
    _mcp_str_replace (slot_of (metadata, field), g_value_get_string (value));
  else if (field->is_node)
    _mcp_metadata_set_node (metadata, prop_id, g_value_get_boxed (value));
  else
    _mcp_metadata_set_string (metadata, prop_id, g_value_get_string (value));
  return TRUE;
}

/* The setter behind every public set_title(), set_description() …: notifies
 * only when the value changes. */
void
_mcp_metadata_set_string (McpMetadata *metadata,
                          guint        prop_id,
                          const char  *value)
{
  const Field *field = lookup (metadata->fields, prop_id);

  g_return_if_fail (field != NULL && !field->is_node);

  if (_mcp_str_replace (slot_of (metadata, field), value))
    g_object_notify_by_pspec (metadata->owner, metadata->pspecs[prop_id]);
}

/* Like _mcp_metadata_set_string() for the JSON fields; @node must be of the
 * field's type (icons an array, the others objects) or NULL. */
void
_mcp_metadata_set_node (McpMetadata *metadata,
                        guint        prop_id,
                        JsonNode    *node)
{
  const Field *field = lookup (metadata->fields, prop_id);

  g_return_if_fail (field != NULL && field->is_node);
  g_return_if_fail (node == NULL || JSON_NODE_TYPE (node) == field->node_type);

  if (_mcp_json_node_replace (slot_of (metadata, field), node))
    g_object_notify_by_pspec (metadata->owner, metadata->pspecs[prop_id]);
}

/* The first step of every new_from_json(): @node must be an object holding
 * the string members of @required (its identity). @what names the type for
 * the message ("A tool"). Returns the object, or NULL with @error set. */
JsonObject *
_mcp_metadata_check_json (JsonNode           *node,
                          const char         *what,
                          McpMetadataFields   required,
                          GError            **error)
{
  g_autoptr(GString) needs = g_string_new (NULL);
  JsonObject *object;
  gboolean complete = TRUE;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, MCP_ERROR, MCP_ERROR_INVALID_PARAMS, "%s must be an object", what);
      return NULL;
    }

  object = json_node_get_object (node);
  for (guint prop_id = 1; prop_id < MCP_METADATA_N_PROPS; prop_id++)
    {
      const Field *field = lookup (required, prop_id);

      if (field == NULL)
        continue;

      g_string_append_printf (needs, "%s%s", needs->len > 0 ? " and a " : "a ", field->member);
      if (_mcp_json_object_get_string (object, field->member) == NULL)
        complete = FALSE;
    }

  if (!complete)
    {
      g_set_error (error, MCP_ERROR, MCP_ERROR_INVALID_PARAMS, "%s needs %s", what, needs->str);
      return NULL;
    }

  return object;
}

/* Reads the optional fields (all but the identity, which the type's
 * constructor has set) from a `Tool`, `Prompt`, `Resource` … object into a
 * new instance's metadata, ignoring members of the wrong type. */
void
_mcp_metadata_from_json (McpMetadata *metadata,
                         JsonObject  *object)
{
  const Field *field;
  guint prop_id = 0;

  while ((field = next_field (metadata, &prop_id)) != NULL)
    {
      gpointer slot = slot_of (metadata, field);

      if (is_identity (prop_id))
        continue;

      if (field->is_node)
        {
          g_clear_pointer ((JsonNode **) slot, json_node_unref);
          *(JsonNode **) slot = _mcp_json_object_dup_member (object, field->member,
                                                             field->node_type);
        }
      else
        _mcp_str_replace (slot, _mcp_json_object_get_string (object, field->member));
    }
}

/* Writes the fields that are set into @object, under their JSON names. */
void
_mcp_metadata_to_json (McpMetadata *metadata,
                       JsonObject  *object)
{
  const Field *field;
  guint prop_id = 0;

  while ((field = next_field (metadata, &prop_id)) != NULL)
    {
      gpointer slot = slot_of (metadata, field);

      if (field->is_node)
        _mcp_json_object_set_node (object, field->member, *(JsonNode **) slot);
      else if (*(char **) slot != NULL)
        json_object_set_string_member (object, field->member, *(char **) slot);
    }
}
