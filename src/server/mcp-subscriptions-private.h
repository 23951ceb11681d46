/* mcp-subscriptions-private.h: `subscriptions/listen` streams of the
 * 2026-07-28 era
 *
 * Copyright 2026 The mcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "mcp-request.h"
#include "mcp-server-private.h"
#include "mcp-server-session.h"

G_BEGIN_DECLS

typedef struct _McpSubscriptions McpSubscriptions;

McpSubscriptions *_mcp_subscriptions_new              (guint                  max);
void              _mcp_subscriptions_free             (McpSubscriptions      *self);
guint             _mcp_subscriptions_get_max          (McpSubscriptions      *self);
void              _mcp_subscriptions_set_max          (McpSubscriptions      *self,
                                                       guint                  max);
void              _mcp_subscriptions_listen           (McpSubscriptions      *self,
                                                       McpServerSession      *session,
                                                       McpRequest            *request,
                                                       McpServerCapabilities  capabilities);
void              _mcp_subscriptions_list_changed     (McpSubscriptions      *self,
                                                       McpListChanged         change,
                                                       const char            *method);
void              _mcp_subscriptions_resource_updated (McpSubscriptions      *self,
                                                       const char            *uri);
gboolean          _mcp_subscriptions_any              (McpSubscriptions      *self,
                                                       McpListChanged         change);

G_END_DECLS
