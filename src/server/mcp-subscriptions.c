/* mcp-subscriptions.c: `subscriptions/listen` streams of the 2026-07-28 era
 *
 * Copyright 2026 The mcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

/*
 * On the 2026-07-28 era a client that wants change notifications opens a
 * subscription: a `subscriptions/listen` request that stays open, whose
 * filter names what it wants (the tool, prompt and resource lists, and
 * updates of given resource URIs). The server acknowledges it with
 * `notifications/subscriptions/acknowledged` (the part of the filter it
 * honours), then sends the notifications the filter asked for, each tagged
 * with `_meta["io.modelcontextprotocol/subscriptionId"]`, the request's id.
 * They travel as messages related to the request: on its own SSE response
 * on Streamable HTTP, on the shared channel on stdio and WebSocket.
 *
 * A subscription ends when the client cancels the request (it closes the
 * HTTP response, or sends notifications/cancelled) or the connection goes;
 * when the server ends it (it is disposed, or the subscription is over a
 * cap), it answers the request with a result tagged the same way.
 */

#include "config.h"

#include <string.h>

#include "mcp-envelope-private.h"
#include "mcp-error.h"
#include "mcp-json-node-private.h"
#include "mcp-request-private.h"
#include "mcp-server-private.h"
#include "mcp-server-session.h"
#include "mcp-session.h"
#include "mcp-subscriptions-private.h"

typedef struct
{
  McpRequest       *request;
  McpServerSession *session;        /* weak: the connection it came on */
  gulong            cancelled_id;
  McpListChanged    lists;
  GHashTable       *uris;           /* resource URIs, a set */
  gboolean          over;           /* cancelled: freed at the next prune */
} Subscription;

struct _McpSubscriptions
{
  GPtrArray *active;                /* Subscription */
  guint      max;
};

static void prune (McpSubscriptions *self);

static void
subscription_free (Subscription *subscription)
{
  GCancellable *cancellable = mcp_request_get_cancellable (subscription->request);

  /* (Not g_cancellable_disconnect(): it would wait for a running handler,
   * which is the one freeing us when the request is cancelled.) */
  if (subscription->cancelled_id != 0)
    g_signal_handler_disconnect (cancellable, subscription->cancelled_id);
  g_clear_weak_pointer (&subscription->session);
  g_clear_pointer (&subscription->uris, g_hash_table_unref);
  g_object_unref (subscription->request);
  g_free (subscription);
}

McpSubscriptions *
_mcp_subscriptions_new (guint max)
{
  McpSubscriptions *self = g_new0 (McpSubscriptions, 1);

  self->active = g_ptr_array_new_with_free_func ((GDestroyNotify) subscription_free);
  self->max = max;

  return self;
}

/* The `_meta` every message of a subscription carries. */
static JsonObject *
subscription_meta (Subscription *subscription)
{
  JsonObject *meta = json_object_new ();

  json_object_set_member (meta, MCP_META_SUBSCRIPTION_ID,
                          json_node_copy (mcp_request_get_id (subscription->request)));
  return meta;
}

static void
send (Subscription *subscription,
      const char   *method,
      JsonObject   *params)
{
  g_autoptr(JsonNode) node = NULL;

  if (subscription->session == NULL)
    return;

  json_object_set_object_member (params, "_meta", subscription_meta (subscription));
  node = _mcp_json_node_new_object (params);
  mcp_session_send_notification_async (mcp_server_session_get_session (subscription->session),
                                       method, node, mcp_request_get_id (subscription->request),
                                       NULL, NULL, NULL);
}

/* The server ends a subscription: a result says it ended on purpose. */
static void
end (Subscription *subscription)
{
  g_autoptr(JsonNode) result = NULL;
  JsonObject *object = json_object_new ();

  json_object_set_object_member (object, "_meta", subscription_meta (subscription));
  result = _mcp_json_node_new_object (object);
  mcp_request_return_result (subscription->request, result);
}

void
_mcp_subscriptions_free (McpSubscriptions *self)
{
  if (self == NULL)
    return;

  prune (self);
  for (guint i = 0; i < self->active->len; i++)
    end (g_ptr_array_index (self->active, i));
  g_ptr_array_unref (self->active);
  g_free (self);
}

/* The client cancelled, or its connection went: the request is over.
 * (This runs inside the cancellable's emission, so the subscription is
 * freed at the next prune, not here.) */
static void
on_cancelled (GCancellable *cancellable,
              Subscription *subscription)
{
  subscription->over = TRUE;
}

static void
prune (McpSubscriptions *self)
{
  for (guint i = self->active->len; i > 0; i--)
    {
      Subscription *subscription = g_ptr_array_index (self->active, i - 1);

      if (subscription->over || subscription->session == NULL ||
          mcp_request_is_cancelled (subscription->request))
        g_ptr_array_remove_index_fast (self->active, i - 1);
    }
}

guint
_mcp_subscriptions_get_max (McpSubscriptions *self)
{
  return self->max;
}

void
_mcp_subscriptions_set_max (McpSubscriptions *self,
                            guint             max)
{
  self->max = max;
}

static gboolean
flag (JsonObject *filter,
      const char *name)
{
  JsonNode *node = json_object_get_member (filter, name);

  return node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
         json_node_get_value_type (node) == G_TYPE_BOOLEAN && json_node_get_boolean (node);
}

/**
 * _mcp_subscriptions_listen:
 * @capabilities: what the server offers: a list is honoured only if the
 *   server has it, resource updates only if it offers subscribing
 *
 * Serves a `subscriptions/listen` request: acknowledges it and keeps it.
 */
void
_mcp_subscriptions_listen (McpSubscriptions      *self,
                           McpServerSession      *session,
                           McpRequest            *request,
                           McpServerCapabilities  capabilities)
{
  JsonObject *params = json_node_get_object (mcp_request_get_params (request));
  JsonObject *filter = _mcp_json_object_get_object (params, "notifications");
  JsonObject *acknowledged;
  JsonArray *uris;
  Subscription *subscription;

  if (filter == NULL)
    {
      mcp_request_return_error (request, MCP_JSONRPC_INVALID_PARAMS,
                                "subscriptions/listen needs a notifications object", NULL);
      return;
    }

  prune (self);
  if (self->max > 0 && self->active->len >= self->max)
    {
      mcp_request_return_error (request, MCP_JSONRPC_INTERNAL_ERROR,
                                "Too many subscriptions; try again later", NULL);
      return;
    }

  subscription = g_new0 (Subscription, 1);
  subscription->request = g_object_ref (request);
  g_set_weak_pointer (&subscription->session, session);
  subscription->uris = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  acknowledged = json_object_new ();
  if (flag (filter, "toolsListChanged") && (capabilities & MCP_SERVER_CAPABILITIES_TOOLS))
    {
      subscription->lists |= MCP_LIST_CHANGED_TOOLS;
      json_object_set_boolean_member (acknowledged, "toolsListChanged", TRUE);
    }
  if (flag (filter, "promptsListChanged") && (capabilities & MCP_SERVER_CAPABILITIES_PROMPTS))
    {
      subscription->lists |= MCP_LIST_CHANGED_PROMPTS;
      json_object_set_boolean_member (acknowledged, "promptsListChanged", TRUE);
    }
  if (flag (filter, "resourcesListChanged") && (capabilities & MCP_SERVER_CAPABILITIES_RESOURCES))
    {
      subscription->lists |= MCP_LIST_CHANGED_RESOURCES;
      json_object_set_boolean_member (acknowledged, "resourcesListChanged", TRUE);
    }

  uris = _mcp_json_object_get_array (filter, "resourceSubscriptions");
  if (uris != NULL && (capabilities & MCP_SERVER_CAPABILITIES_RESOURCES))
    {
      JsonArray *honoured = json_array_new ();

      for (guint i = 0; i < json_array_get_length (uris); i++)
        {
          JsonNode *uri = json_array_get_element (uris, i);

          if (!_mcp_json_node_is_string (uri) ||
              g_hash_table_contains (subscription->uris, json_node_get_string (uri)))
            continue;
          g_hash_table_add (subscription->uris, g_strdup (json_node_get_string (uri)));
          json_array_add_string_element (honoured, json_node_get_string (uri));
        }
      json_object_set_array_member (acknowledged, "resourceSubscriptions", honoured);
    }

  g_ptr_array_add (self->active, subscription);
  subscription->cancelled_id = g_signal_connect (mcp_request_get_cancellable (request), "cancelled",
                                                 G_CALLBACK (on_cancelled), subscription);

  {
    JsonObject *ack = json_object_new ();

    json_object_set_object_member (ack, "notifications", acknowledged);
    send (subscription, "notifications/subscriptions/acknowledged", ack);
  }
}

void
_mcp_subscriptions_list_changed (McpSubscriptions *self,
                                 McpListChanged    change,
                                 const char       *method)
{
  prune (self);
  for (guint i = 0; i < self->active->len; i++)
    {
      Subscription *subscription = g_ptr_array_index (self->active, i);

      if ((subscription->lists & change) && !mcp_request_is_cancelled (subscription->request))
        send (subscription, method, json_object_new ());
    }
}

void
_mcp_subscriptions_resource_updated (McpSubscriptions *self,
                                     const char       *uri)
{
  prune (self);
  for (guint i = 0; i < self->active->len; i++)
    {
      Subscription *subscription = g_ptr_array_index (self->active, i);
      JsonObject *params;

      if (!g_hash_table_contains (subscription->uris, uri) ||
          mcp_request_is_cancelled (subscription->request))
        continue;

      params = json_object_new ();
      json_object_set_string_member (params, "uri", uri);
      send (subscription, "notifications/resources/updated", params);
    }
}

gboolean
_mcp_subscriptions_any (McpSubscriptions *self,
                        McpListChanged    change)
{
  for (guint i = 0; i < self->active->len; i++)
    {
      Subscription *subscription = g_ptr_array_index (self->active, i);

      if (subscription->lists & change)
        return TRUE;
    }

  return FALSE;
}
