/* mcp-completion-request.c
 *
 * Server side: a client's completion/complete, as the server's completion
 * handler receives it.
 *
 * Copyright 2026 The mcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "mcp-completion-request.h"
#include "mcp-enums.h"
#include "mcp-error.h"
#include "mcp-handler-request-private.h"
#include "mcp-json-node-private.h"
#include "mcp-prompt.h"
#include "mcp-resource-template.h"
#include "mcp-server-private.h"
#include "mcp-server-session.h"

/**
 * McpCompletionRequest:
 *
 * One `completion/complete`, handed to the server's #McpCompletionHandler:
 * the client wants suggestions for an argument of a prompt or a variable of a
 * resource template, given what the user typed so far
 * (mcp_completion_request_get_argument_value()) and the values of the other
 * arguments (mcp_completion_request_get_context_argument()).
 *
 * The server has checked that the prompt or template exists and has that
 * argument. The handler answers with mcp_completion_request_return_values(),
 * now or later from the main loop, exactly once.
 *
 * Since: 0.1
 */

struct _McpCompletionRequest
{
  GObject               parent_instance;

  McpHandlerRequest     handler;
  McpCompletionRefType  ref_type;
  char                 *ref;
  McpPrompt            *prompt;
  McpResourceTemplate  *template;
  char                 *argument_name;
  char                 *argument_value;
  JsonNode             *context_arguments;
};

G_DEFINE_FINAL_TYPE (McpCompletionRequest, mcp_completion_request, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_REF_TYPE,
  PROP_REF,
  PROP_ARGUMENT_NAME,
  PROP_ARGUMENT_VALUE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
mcp_completion_request_finalize (GObject *object)
{
  McpCompletionRequest *self = (McpCompletionRequest *) object;

  _mcp_handler_request_clear (&self->handler, NULL);
  g_clear_pointer (&self->ref, g_free);
  g_clear_object (&self->prompt);
  g_clear_object (&self->template);
  g_clear_pointer (&self->argument_name, g_free);
  g_clear_pointer (&self->argument_value, g_free);
  g_clear_pointer (&self->context_arguments, json_node_unref);

  G_OBJECT_CLASS (mcp_completion_request_parent_class)->finalize (object);
}

static void
mcp_completion_request_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  McpCompletionRequest *self = MCP_COMPLETION_REQUEST (object);

  switch (prop_id)
    {
    case PROP_REF_TYPE:
      g_value_set_enum (value, self->ref_type);
      break;
    case PROP_REF:
      g_value_set_string (value, self->ref);
      break;
    case PROP_ARGUMENT_NAME:
      g_value_set_string (value, self->argument_name);
      break;
    case PROP_ARGUMENT_VALUE:
      g_value_set_string (value, self->argument_value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mcp_completion_request_class_init (McpCompletionRequestClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = mcp_completion_request_finalize;
  object_class->get_property = mcp_completion_request_get_property;

  /**
   * McpCompletionRequest:ref-type:
   *
   * Whether a prompt argument or a template variable is completed.
   *
   * Since: 0.1
   */
  properties[PROP_REF_TYPE] =
    g_param_spec_enum ("ref-type", NULL, NULL,
                       MCP_TYPE_COMPLETION_REF_TYPE, MCP_COMPLETION_REF_PROMPT,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  /**
   * McpCompletionRequest:ref:
   *
   * The prompt's name or the template's URI template.
   *
   * Since: 0.1
   */
  properties[PROP_REF] =
    g_param_spec_string ("ref", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  /**
   * McpCompletionRequest:argument-name:
   *
   * The argument or variable to complete.
   *
   * Since: 0.1
   */
  properties[PROP_ARGUMENT_NAME] =
    g_param_spec_string ("argument-name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  /**
   * McpCompletionRequest:argument-value:
   *
   * What the user typed so far.
   *
   * Since: 0.1
   */
  properties[PROP_ARGUMENT_VALUE] =
    g_param_spec_string ("argument-value", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mcp_completion_request_init (McpCompletionRequest *self)
{
}

McpCompletionRequest *
_mcp_completion_request_new (const McpHandlerRequest *origin,
                             McpCompletionRefType     ref_type,
                             const char              *ref,
                             McpPrompt               *prompt,
                             McpResourceTemplate     *template,
                             const char              *argument_name,
                             const char              *argument_value,
                             JsonNode                *context_arguments)
{
  McpCompletionRequest *self = g_object_new (MCP_TYPE_COMPLETION_REQUEST, NULL);

  _mcp_handler_request_init (&self->handler, origin, FALSE);
  self->ref_type = ref_type;
  self->ref = g_strdup (ref);
  g_set_object (&self->prompt, prompt);
  g_set_object (&self->template, template);
  self->argument_name = g_strdup (argument_name);
  self->argument_value = g_strdup (argument_value);
  self->context_arguments = _mcp_json_node_copy_or_null (context_arguments);

  return self;
}

/**
 * mcp_completion_request_get_server:
 * @self: a #McpCompletionRequest
 *
 * Gets the server.
 *
 * Returns: (transfer none): the server
 *
 * Since: 0.1
 */
MCP_HANDLER_REQUEST_DEFINE_GET_SERVER (McpCompletionRequest, mcp_completion_request)

/**
 * mcp_completion_request_get_session:
 * @self: a #McpCompletionRequest
 *
 * Gets the session of the requesting client.
 *
 * Returns: (transfer none): the session of the requesting client
 *
 * Since: 0.1
 */
MCP_HANDLER_REQUEST_DEFINE_GET_SESSION (McpCompletionRequest, mcp_completion_request)

/**
 * mcp_completion_request_get_auth_info:
 * @self: a #McpCompletionRequest
 *
 * Who is calling: the identity the transport's #McpAuthProvider gave
 * the caller, as mcp_server_session_get_auth_info() returns it.
 *
 * Returns: (transfer none) (nullable): the caller's identity, or %NULL
 *   when the transport asks for none
 *
 * Since: 0.1
 */
MCP_HANDLER_REQUEST_DEFINE_GET_AUTH_INFO (McpCompletionRequest, mcp_completion_request)

/**
 * mcp_completion_request_get_request:
 * @self: a #McpCompletionRequest
 *
 * Gets the underlying JSON-RPC request.
 *
 * Returns: (transfer none): the underlying JSON-RPC request
 *
 * Since: 0.1
 */
MCP_REQUEST_DEFINE_GET_REQUEST (McpCompletionRequest, mcp_completion_request, handler.request)

/**
 * mcp_completion_request_get_ref_type:
 * @self: a #McpCompletionRequest
 *
 * Gets what is being completed.
 *
 * Returns: what is being completed
 *
 * Since: 0.1
 */
McpCompletionRefType
mcp_completion_request_get_ref_type (McpCompletionRequest *self)
{
  g_return_val_if_fail (MCP_IS_COMPLETION_REQUEST (self), MCP_COMPLETION_REF_PROMPT);

  return self->ref_type;
}

/**
 * mcp_completion_request_get_ref:
 * @self: a #McpCompletionRequest
 *
 * Gets the prompt's name, or the resource template's URI template.
 *
 * Returns: the prompt's name, or the resource template's URI template
 *
 * Since: 0.1
 */
const char *
mcp_completion_request_get_ref (McpCompletionRequest *self)
{
  g_return_val_if_fail (MCP_IS_COMPLETION_REQUEST (self), NULL);

  return self->ref;
}

/**
 * mcp_completion_request_get_prompt:
 * @self: a #McpCompletionRequest
 *
 * Gets the prompt, for %MCP_COMPLETION_REF_PROMPT.
 *
 * Returns: (transfer none) (nullable): the prompt, for %MCP_COMPLETION_REF_PROMPT
 *
 * Since: 0.1
 */
McpPrompt *
mcp_completion_request_get_prompt (McpCompletionRequest *self)
{
  g_return_val_if_fail (MCP_IS_COMPLETION_REQUEST (self), NULL);

  return self->prompt;
}

/**
 * mcp_completion_request_get_template:
 * @self: a #McpCompletionRequest
 *
 * Gets the resource template, for %MCP_COMPLETION_REF_RESOURCE.
 *
 * Returns: (transfer none) (nullable): the resource template, for
 *   %MCP_COMPLETION_REF_RESOURCE
 *
 * Since: 0.1
 */
McpResourceTemplate *
mcp_completion_request_get_template (McpCompletionRequest *self)
{
  g_return_val_if_fail (MCP_IS_COMPLETION_REQUEST (self), NULL);

  return self->template;
}

/**
 * mcp_completion_request_get_argument_name:
 * @self: a #McpCompletionRequest
 *
 * Gets the argument or template variable to complete.
 *
 * Returns: the argument or template variable to complete
 *
 * Since: 0.1
 */
const char *
mcp_completion_request_get_argument_name (McpCompletionRequest *self)
{
  g_return_val_if_fail (MCP_IS_COMPLETION_REQUEST (self), NULL);

  return self->argument_name;
}

/**
 * mcp_completion_request_get_argument_value:
 * @self: a #McpCompletionRequest
 *
 * Gets what the user typed so far (maybe empty).
 *
 * Returns: what the user typed so far (maybe empty)
 *
 * Since: 0.1
 */
const char *
mcp_completion_request_get_argument_value (McpCompletionRequest *self)
{
  g_return_val_if_fail (MCP_IS_COMPLETION_REQUEST (self), NULL);

  return self->argument_value;
}

/**
 * mcp_completion_request_get_context_arguments:
 * @self: a #McpCompletionRequest
 *
 * Gets the object of arguments already chosen (`context.arguments`), if the
 * client sent any.
 *
 * Returns: (transfer none) (nullable): the object of arguments already
 *   chosen (`context.arguments`), if the client sent any
 *
 * Since: 0.1
 */
JsonNode *
mcp_completion_request_get_context_arguments (McpCompletionRequest *self)
{
  g_return_val_if_fail (MCP_IS_COMPLETION_REQUEST (self), NULL);

  return self->context_arguments;
}

/**
 * mcp_completion_request_get_context_argument:
 * @self: a #McpCompletionRequest
 * @name: an argument name
 *
 * Gets the value already chosen for argument @name.
 *
 * Returns: (nullable): the value already chosen for argument @name
 *
 * Since: 0.1
 */
const char *
mcp_completion_request_get_context_argument (McpCompletionRequest *self,
                                             const char           *name)
{
  g_return_val_if_fail (MCP_IS_COMPLETION_REQUEST (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  if (self->context_arguments == NULL)
    return NULL;

  return _mcp_json_object_get_string (json_node_get_object (self->context_arguments), name);
}

/**
 * mcp_completion_request_get_cancellable:
 * @self: a #McpCompletionRequest
 *
 * Gets a cancellable that is cancelled when the client cancels the request or
 * goes away.
 *
 * Returns: (transfer none): cancelled when the client cancels the request
 *   or goes away
 *
 * Since: 0.1
 */
MCP_REQUEST_DEFINE_GET_CANCELLABLE (McpCompletionRequest, mcp_completion_request, handler.request)

/**
 * mcp_completion_request_return_values:
 * @self: a #McpCompletionRequest
 * @values: (array zero-terminated=1) (nullable): the suggestions, best first
 * @total: how many suggestions exist in all, or -1 if unknown
 * @has_more: whether there are more suggestions than @values
 *
 * Completes the request. At most %MCP_COMPLETION_MAX_VALUES values are
 * sent; when @values holds more, the rest are dropped, `hasMore` is set and
 * `total` counts them all.
 *
 * Since: 0.1
 */
void
mcp_completion_request_return_values (McpCompletionRequest *self,
                                      const char * const   *values,
                                      gint64                total,
                                      gboolean              has_more)
{
  JsonObject *object;
  JsonObject *completion;
  JsonArray *array;
  guint n_values;

  g_return_if_fail (MCP_IS_COMPLETION_REQUEST (self));

  n_values = values != NULL ? g_strv_length ((char **) values) : 0;
  array = json_array_sized_new (MIN (n_values, MCP_COMPLETION_MAX_VALUES));
  for (guint i = 0; i < n_values && i < MCP_COMPLETION_MAX_VALUES; i++)
    json_array_add_string_element (array, values[i]);

  if (n_values > MCP_COMPLETION_MAX_VALUES)
    {
      has_more = TRUE;
      total = MAX (total, (gint64) n_values);
    }
  else if (total >= 0 && total > n_values)
    has_more = TRUE;

  completion = json_object_new ();
  json_object_set_array_member (completion, "values", array);
  if (total >= 0)
    json_object_set_int_member (completion, "total", total);
  json_object_set_boolean_member (completion, "hasMore", has_more);

  object = json_object_new ();
  json_object_set_object_member (object, "completion", completion);
  _mcp_handler_request_return_take (&self->handler, _mcp_json_node_new_object (object));
}

/**
 * mcp_completion_request_return_gerror:
 * @self: a #McpCompletionRequest
 * @error: what went wrong
 *
 * Completes the request with a JSON-RPC error made from @error.
 *
 * Since: 0.1
 */
MCP_REQUEST_DEFINE_RETURN_GERROR (McpCompletionRequest, mcp_completion_request, handler.request)
