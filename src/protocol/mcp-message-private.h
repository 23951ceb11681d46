/* mcp-message-private.h
 *
 * Copyright 2026 The mcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "mcp-json-reader-private.h"
#include "mcp-message.h"

G_BEGIN_DECLS

/* mcp_message_parse() on the top-level members of a message, however they
 * were read (_mcp_json_read_envelope() reads them without the object):
 * the same kinds and the same errors. */
McpMessageKind _mcp_message_classify                   (const McpJsonEnvelope  *members,
                                                        JsonNode              **id,
                                                        const char            **method,
                                                        JsonNode              **payload,
                                                        GError                **error);
/* What a session must not answer with an error when it is invalid. */
gboolean       _mcp_message_members_look_like_response (const McpJsonEnvelope  *members);

G_END_DECLS
