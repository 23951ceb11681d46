/* mcp-metadata-private.h
 *
 * Copyright 2026 The mcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* The members that MCP's value types share: the identity (uri, name: the
 * spec's BaseMetadata plus the resource URI; name and version for an
 * Implementation), what a person or a model reads about it (title,
 * description, mimeType, annotations, icons, websiteUrl) and `_meta`.
 * McpTool, McpPrompt, McpResource, McpResourceTemplate, McpRoot and the
 * results embed one McpMetadata in their instance struct, and so do
 * McpClient and McpServer for the clientInfo/serverInfo they send; its
 * functions hold the fields' properties, setters and JSON once for all of
 * them. */

typedef enum
{
  MCP_METADATA_URI          = 1 << 0,
  MCP_METADATA_URI_TEMPLATE = 1 << 1,  /* the uri field, as "uriTemplate" */
  MCP_METADATA_NAME         = 1 << 2,
  MCP_METADATA_TITLE        = 1 << 3,
  MCP_METADATA_DESCRIPTION  = 1 << 4,
  MCP_METADATA_MIME_TYPE    = 1 << 5,
  MCP_METADATA_ANNOTATIONS  = 1 << 6,
  MCP_METADATA_ICONS        = 1 << 7,
  MCP_METADATA_META         = 1 << 8,
  MCP_METADATA_VERSION      = 1 << 9,
  MCP_METADATA_WEBSITE_URL  = 1 << 10,
} McpMetadataFields;

/* Property ids: a type that embeds McpMetadata numbers its own properties
 * from MCP_METADATA_N_PROPS on, and leaves unused slots of its GParamSpec
 * array NULL. */
enum
{
  MCP_METADATA_PROP_URI = 1,
  MCP_METADATA_PROP_NAME,
  MCP_METADATA_PROP_TITLE,
  MCP_METADATA_PROP_DESCRIPTION,
  MCP_METADATA_PROP_MIME_TYPE,
  MCP_METADATA_PROP_ANNOTATIONS,
  MCP_METADATA_PROP_ICONS,
  MCP_METADATA_PROP_META,
  MCP_METADATA_PROP_VERSION,
  MCP_METADATA_PROP_WEBSITE_URL,
  MCP_METADATA_N_PROPS
};

typedef struct
{
  /* Not references: the metadata lives inside @owner, and @pspecs is the
   * owner's class property array. */
  GObject            *owner;
  GParamSpec        **pspecs;
  McpMetadataFields   fields;

  char               *uri;
  char               *name;
  char               *title;
  char               *description;
  char               *mime_type;
  JsonNode           *annotations;
  JsonNode           *icons;
  JsonNode           *meta;
  char               *version;
  char               *website_url;
} McpMetadata;

void        _mcp_metadata_install_properties (GObjectClass      *object_class,
                                              GParamSpec       **pspecs,
                                              guint              n_pspecs,
                                              McpMetadataFields  fields);
void        _mcp_metadata_init               (McpMetadata       *metadata,
                                              GObject           *owner,
                                              GParamSpec       **pspecs,
                                              McpMetadataFields  fields);
void        _mcp_metadata_clear              (McpMetadata       *metadata);
gboolean    _mcp_metadata_get_property       (McpMetadata       *metadata,
                                              guint              prop_id,
                                              GValue            *value);
gboolean    _mcp_metadata_set_property       (McpMetadata       *metadata,
                                              guint              prop_id,
                                              const GValue      *value);
void        _mcp_metadata_set_string         (McpMetadata       *metadata,
                                              guint              prop_id,
                                              const char        *value);
void        _mcp_metadata_set_node           (McpMetadata       *metadata,
                                              guint              prop_id,
                                              JsonNode          *node);
JsonObject *_mcp_metadata_check_json         (JsonNode          *node,
                                              const char        *what,
                                              McpMetadataFields  required,
                                              GError           **error);
void        _mcp_metadata_from_json          (McpMetadata       *metadata,
                                              JsonObject        *object);
void        _mcp_metadata_to_json            (McpMetadata       *metadata,
                                              JsonObject        *object);

G_END_DECLS
