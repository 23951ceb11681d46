/* mcp-handler-request.c
 *
 * Copyright 2026 The mcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "mcp-error.h"
#include "mcp-envelope-private.h"
#include "mcp-handler-request-private.h"
#include "mcp-input-rounds-private.h"
#include "mcp-json-node-private.h"
#include "mcp-server-private.h"
#include "mcp-server-session.h"

void
_mcp_handler_request_init (McpHandlerRequest       *self,
                           const McpHandlerRequest *origin,
                           gboolean                 with_arguments)
{
  self->server = g_object_ref (origin->server);
  self->session = g_object_ref (origin->session);
  self->request = g_object_ref (origin->request);

  if (with_arguments && origin->arguments != NULL)
    self->arguments = json_node_copy (origin->arguments);
  else if (with_arguments)
    self->arguments = _mcp_json_node_new_object (json_object_new ());
}

/* Called from the typed object's finalize. A handler that neither completed
 * the request nor kept a reference to it (a Python or JavaScript handler
 * that raised, a C handler that forgot) would leave the client waiting
 * until its timeout: it gets the result of @unanswered instead, or, when
 * that is NULL, a JSON-RPC internal error. */
void
_mcp_handler_request_clear (McpHandlerRequest *self,
                            McpUnansweredFunc  unanswered)
{
  if (self->request != NULL && !mcp_request_is_completed (self->request))
    {
      g_debug ("%s: the handler dropped the request without completing it",
               mcp_request_get_method (self->request));
      if (unanswered != NULL)
        _mcp_handler_request_return_take (self, unanswered ());
      else
        mcp_request_return_error (self->request, MCP_JSONRPC_INTERNAL_ERROR,
                                  "The handler failed without producing a result", NULL);
    }

  g_clear_object (&self->server);
  g_clear_object (&self->session);
  g_clear_object (&self->request);
  g_clear_pointer (&self->arguments, json_node_unref);
}

/* Creates the "cancellable" property in @pspecs, and "arguments" if asked,
 * then installs all non-NULL ones of @pspecs (the type's own ones too,
 * created beforehand). */
void
_mcp_handler_request_install_properties (GObjectClass  *object_class,
                                         GParamSpec   **pspecs,
                                         guint          n_pspecs,
                                         gboolean       with_arguments)
{
  g_return_if_fail (n_pspecs >= MCP_HANDLER_REQUEST_N_PROPS);

  pspecs[MCP_HANDLER_REQUEST_PROP_CANCELLABLE] =
    g_param_spec_object ("cancellable", NULL, NULL, G_TYPE_CANCELLABLE,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  if (with_arguments)
    pspecs[MCP_HANDLER_REQUEST_PROP_ARGUMENTS] =
      g_param_spec_boxed ("arguments", NULL, NULL, JSON_TYPE_NODE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  for (guint prop_id = 1; prop_id < n_pspecs; prop_id++)
    if (pspecs[prop_id] != NULL)
      g_object_class_install_property (object_class, prop_id, pspecs[prop_id]);
}

/* Returns FALSE when @prop_id is not one of McpHandlerRequest's. */
gboolean
_mcp_handler_request_get_property (McpHandlerRequest *self,
                                   guint              prop_id,
                                   GValue            *value)
{
  if (prop_id == MCP_HANDLER_REQUEST_PROP_CANCELLABLE)
    g_value_set_object (value, mcp_request_get_cancellable (self->request));
  else if (prop_id == MCP_HANDLER_REQUEST_PROP_ARGUMENTS && self->arguments != NULL)
    g_value_set_boxed (value, self->arguments);
  else
    return FALSE;

  return TRUE;
}

/* A log message to the calling client, travelling with the request where
 * the transport allows. */
void
_mcp_handler_request_log (McpHandlerRequest *self,
                          McpLoggingLevel    level,
                          const char        *logger,
                          JsonNode          *data)
{
  _mcp_server_session_log_related (self->session, level, logger, data,
                                   mcp_request_get_id (self->request));
}

/* Answers with @result, which it consumes. */
void
_mcp_handler_request_return_take (McpHandlerRequest *self,
                                  JsonNode          *result)
{
  g_autoptr(JsonNode) owned = result;

  mcp_request_return_result (self->request, owned);
}

/* On the 2026-07-28 era, names the next input request in the
 * InputRequiredResult; the handshake era sends requests, which need no
 * names. */
void
_mcp_handler_request_set_next_input_key (McpHandlerRequest *self,
                                         const char        *key)
{
  if (_mcp_request_get_envelope (self->request) != NULL)
    _mcp_input_rounds_set_next_key (self->request, key);
}

/* What the client declared for this request: a modern request carries its
 * own capabilities, a session's come with its initialize. */
gboolean
_mcp_handler_request_client_has_capability (McpHandlerRequest *self,
                                            const char        *capability)
{
  const McpEnvelope *envelope = _mcp_request_get_envelope (self->request);
  JsonNode *member;

  if (envelope == NULL)
    return mcp_server_session_client_has_capability (self->session, capability);

  if (envelope->client_capabilities == NULL)
    return FALSE;

  member = json_object_get_member (envelope->client_capabilities, capability);
  return member != NULL && !JSON_NODE_HOLDS_NULL (member);
}

/* The task of a request to the client made as part of this one: by default
 * it lives and dies with the request. */
GTask *
_mcp_handler_request_task (McpHandlerRequest   *self,
                           gpointer             source_object,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data,
                           gpointer             source_tag)
{
  GTask *task;

  if (cancellable == NULL)
    cancellable = mcp_request_get_cancellable (self->request);

  task = g_task_new (source_object, cancellable, callback, user_data);
  g_task_set_source_tag (task, source_tag);
  return task;
}
