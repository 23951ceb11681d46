/* mcp-input-rounds.c: server-to-client requests as input rounds on the
 * 2026-07-28 era
 *
 * Copyright 2026 The mcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

/*
 * On the handshake era a handler that needs the client (sampling,
 * elicitation, roots) sends it a request and waits for the answer. The
 * 2026-07-28 era has no server-to-client requests: the server answers the
 * client's request with an InputRequiredResult that lists what it needs
 * (`inputRequests`, keyed by names the server chooses), the client retries
 * the request with the answers (`inputResponses`) and echoes the server's
 * `requestState`, and the retry runs the handler again from the start.
 *
 * Handlers keep one API for both eras. On a modern request,
 * mcp_tool_call_elicit_async() and its siblings land here:
 *
 * - the calls of one run of the handler are numbered in the order it makes
 *   them, per kind: "elicitation-1", "sampling-1", "roots-1", … The same
 *   handler asking the same things in the same order on the retry finds
 *   its answers under the same names. A handler may name a call itself
 *   (mcp_tool_call_set_next_input_key()), when a client or a document
 *   expects a name; it must then give the same name on every run;
 * - a call whose answer the retry carries completes at once with it, as if
 *   the client had answered a request;
 * - the calls without an answer are gathered for one turn of the main loop
 *   (a handler may ask for several things at once), then the request is
 *   answered with an InputRequiredResult holding all of them, and the
 *   calls fail with G_IO_ERROR_CANCELLED; the handler's cancellable is
 *   cancelled too, and what it replies afterwards is dropped;
 * - the answers of earlier rounds travel in the requestState, sealed with
 *   the server's key (mcp-request-state.c), so that a handler that asks in
 *   three rounds finds all three answers on the third retry. A state that
 *   this server did not mint, for another request, or too old is refused
 *   with -32602;
 * - a call needing a capability the client did not declare for this
 *   request fails the request with -32021 (MissingRequiredClientCapability)
 *   naming it.
 */

#include "config.h"

#include <gio/gio.h>

#include "mcp-envelope-private.h"
#include "mcp-error.h"
#include "mcp-input-rounds-private.h"
#include "mcp-json-node-private.h"
#include "mcp-request-private.h"
#include "mcp-request-state-private.h"

#define ROUNDS_KEY "mcp-input-rounds"
#define NEXT_KEY "mcp-input-rounds-next-key"

typedef struct
{
  McpRequest *request;          /* unowned: the rounds live in its qdata */
  JsonObject *answers;          /* key → the client's result, all rounds */
  JsonObject *asked;            /* key → { method, params }, this round */
  GPtrArray  *waiting;          /* GTask, the calls without an answer */
  guint       n_elicitation;
  guint       n_sampling;
  guint       n_roots;
  guint       send_id;
  gboolean    refused;          /* the request was answered already */
  char       *principal;        /* who asks; a requestState is theirs only */
} Rounds;

static void
rounds_free (Rounds *rounds)
{
  g_clear_handle_id (&rounds->send_id, g_source_remove);
  for (guint i = 0; i < rounds->waiting->len; i++)
    {
      GTask *task = g_ptr_array_index (rounds->waiting, i);

      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                               "The request is over");
    }
  g_ptr_array_unref (rounds->waiting);
  json_object_unref (rounds->answers);
  json_object_unref (rounds->asked);
  g_free (rounds->principal);
  g_free (rounds);
}

static void
merge (JsonObject *into,
       JsonObject *from)
{
  JsonObjectIter iter;
  const char *name;
  JsonNode *value;

  json_object_iter_init_ordered (&iter, from);
  while (json_object_iter_next_ordered (&iter, &name, &value))
    json_object_set_member (into, name, json_node_ref (value));
}

/* The answers the retry carries, checked once per request. NULL when the
 * requestState was refused (the request is answered then). */
static Rounds *
rounds_get (McpRequest         *request,
            McpRequestStateKey *key,
            const char         *principal)
{
  Rounds *rounds = g_object_get_data (G_OBJECT (request), ROUNDS_KEY);
  JsonObject *params;
  JsonObject *responses;
  const char *state;

  if (rounds != NULL)
    return rounds->refused ? NULL : rounds;

  rounds = g_new0 (Rounds, 1);
  rounds->request = request;
  rounds->principal = g_strdup (principal);
  rounds->answers = json_object_new ();
  rounds->asked = json_object_new ();
  rounds->waiting = g_ptr_array_new_with_free_func (g_object_unref);
  g_object_set_data_full (G_OBJECT (request), ROUNDS_KEY, rounds, (GDestroyNotify) rounds_free);

  params = json_node_get_object (mcp_request_get_params (request));
  state = _mcp_json_object_get_string (params, "requestState");
  if (state != NULL)
    {
      g_autofree char *digest = _mcp_request_state_digest_params (params);
      g_autoptr(JsonObject) carried = NULL;
      g_autoptr(GError) error = NULL;

      carried = _mcp_request_state_open (key, state, mcp_request_get_method (request), digest,
                                         principal, g_get_real_time (), &error);
      if (carried == NULL)
        {
          rounds->refused = TRUE;
          mcp_request_return_gerror (request, error);
          _mcp_request_detach_handler (request);
          return NULL;
        }
      merge (rounds->answers, carried);
    }

  /* This round's answers; anything we did not ask for is simply unused. */
  responses = _mcp_json_object_get_object (params, "inputResponses");
  if (responses != NULL)
    merge (rounds->answers, responses);

  return rounds;
}

typedef struct
{
  Rounds             *rounds;
  McpRequestStateKey *key;
  gint64              lifetime;
} SendData;

static gboolean
send_input_required (gpointer user_data)
{
  SendData *data = user_data;
  Rounds *rounds = data->rounds;
  McpRequest *request = rounds->request;
  g_autoptr(McpRequest) hold = g_object_ref (request);
  g_autoptr(GPtrArray) waiting = NULL;
  g_autoptr(JsonNode) result = NULL;
  g_autofree char *digest = NULL;
  g_autofree char *state = NULL;
  JsonObject *object;

  rounds->send_id = 0;

  digest = _mcp_request_state_digest_params (json_node_get_object (mcp_request_get_params (request)));
  state = _mcp_request_state_seal (data->key, mcp_request_get_method (request), digest,
                                   rounds->principal, g_get_real_time () + data->lifetime,
                                   rounds->answers);

  object = json_object_new ();
  json_object_set_string_member (object, "resultType", MCP_RESULT_TYPE_INPUT_REQUIRED);
  json_object_set_object_member (object, "inputRequests", g_steal_pointer (&rounds->asked));
  json_object_set_string_member (object, "requestState", state);
  rounds->asked = json_object_new ();
  result = _mcp_json_node_new_object (object);

  mcp_request_return_result (request, result);
  _mcp_request_detach_handler (request);

  /* The handler's calls end; it runs again on the retry. */
  waiting = g_steal_pointer (&rounds->waiting);
  rounds->waiting = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < waiting->len; i++)
    g_task_return_new_error (g_ptr_array_index (waiting, i), G_IO_ERROR, G_IO_ERROR_CANCELLED,
                             "The request now waits for the client's input; the handler will "
                             "run again when the client retries it");

  return G_SOURCE_REMOVE;
}

static void
send_data_free (gpointer user_data)
{
  SendData *data = user_data;

  g_object_unref (data->rounds->request);
  _mcp_request_state_key_free (data->key);
  g_free (data);
}

/**
 * _mcp_input_rounds_refuse:
 * @request: the modern request a handler is serving
 * @required: the capabilities it needs and the client did not declare,
 *   such as `{"sampling": {}}`
 *
 * Fails @request with -32021 (MissingRequiredClientCapability) naming
 * @required; what the handler replies afterwards is dropped.
 */
void
_mcp_input_rounds_refuse (McpRequest *request,
                          JsonObject *required)
{
  g_autoptr(JsonNode) data = NULL;

  g_return_if_fail (_mcp_request_get_envelope (request) != NULL);

  data = _mcp_envelope_missing_capabilities_data (required);
  mcp_request_return_error (request, MCP_JSONRPC_MISSING_REQUIRED_CLIENT_CAPABILITY,
                            "The client did not declare a capability this request needs", data);
  _mcp_request_detach_handler (request);
}

/**
 * _mcp_input_rounds_ask:
 * @request: the modern request a handler is serving
 * @key: the server's requestState key
 * @lifetime: how long (µs) a requestState stays good
 * @principal: (nullable): who is calling (McpAuthInfo:principal): the
 *   requestState is sealed to it, and a retry by anyone else is refused
 * @method: `elicitation/create`, `sampling/createMessage` or `roots/list`
 * @params: (nullable): its params
 * @task: (transfer full): returns the client's result object, as the
 *   answer to a request to the client would
 *
 * One call of a handler for input from the client, on a modern request.
 */
void
_mcp_input_rounds_ask (McpRequest         *request,
                       McpRequestStateKey *key,
                       gint64              lifetime,
                       const char         *principal,
                       const char         *method,
                       JsonNode           *params,
                       GTask              *task)
{
  g_autoptr(GTask) owned = task;
  g_autofree char *name = NULL;
  g_autofree char *named = NULL;
  Rounds *rounds;
  JsonNode *answer;
  JsonObject *asked;

  g_return_if_fail (MCP_IS_REQUEST (request));

  /* A name applies to this one call, whatever becomes of it. */
  named = g_object_steal_data (G_OBJECT (request), NEXT_KEY);
  rounds = rounds_get (request, key, principal);
  if (rounds == NULL || mcp_request_is_cancelled (request))
    {
      g_task_return_new_error (owned, G_IO_ERROR, G_IO_ERROR_CANCELLED, "The request is over");
      return;
    }

  if (g_strcmp0 (method, "elicitation/create") == 0)
    name = named != NULL ? g_steal_pointer (&named)
                         : g_strdup_printf ("elicitation-%u", ++rounds->n_elicitation);
  else if (g_strcmp0 (method, "sampling/createMessage") == 0)
    name = named != NULL ? g_steal_pointer (&named)
                         : g_strdup_printf ("sampling-%u", ++rounds->n_sampling);
  else if (g_strcmp0 (method, "roots/list") == 0)
    name = named != NULL ? g_steal_pointer (&named)
                         : g_strdup_printf ("roots-%u", ++rounds->n_roots);
  else
    {
      /* ping and the like: the era has no way to send them. */
      g_task_return_new_error (owned, MCP_ERROR, MCP_ERROR_CAPABILITY_NOT_SUPPORTED,
                               "%s cannot be sent to a client of the 2026-07-28 era", method);
      return;
    }

  answer = json_object_get_member (rounds->answers, name);
  if (answer != NULL && JSON_NODE_HOLDS_OBJECT (answer))
    {
      g_task_return_pointer (owned, json_node_copy (answer), (GDestroyNotify) json_node_unref);
      return;
    }

  asked = json_object_new ();
  json_object_set_string_member (asked, "method", method);
  if (params != NULL)
    json_object_set_member (asked, "params", json_node_copy (params));
  json_object_set_object_member (rounds->asked, name, asked);
  g_ptr_array_add (rounds->waiting, g_steal_pointer (&owned));

  if (rounds->send_id == 0)
    {
      SendData *data = g_new0 (SendData, 1);

      data->rounds = rounds;
      data->key = _mcp_request_state_key_copy (key);
      data->lifetime = lifetime;
      /* The request (and so the rounds) lives until the idle has run. */
      g_object_ref (request);
      rounds->send_id = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, send_input_required, data,
                                         send_data_free);
    }
}

/**
 * _mcp_input_rounds_set_next_key:
 * @request: the modern request a handler is serving
 * @key: (nullable): the name of the handler's next call for input, or
 *   %NULL for the library's own (`elicitation-1`, …)
 *
 * Names the next call for input that reaches the client in the
 * InputRequiredResult's `inputRequests`, and so in the retry's
 * `inputResponses`.
 */
void
_mcp_input_rounds_set_next_key (McpRequest *request,
                                const char *key)
{
  g_return_if_fail (MCP_IS_REQUEST (request));
  g_return_if_fail (key == NULL || *key != '\0');

  g_object_set_data_full (G_OBJECT (request), NEXT_KEY, g_strdup (key), g_free);
}
