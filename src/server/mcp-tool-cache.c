/* mcp-tool-cache.c: the results of a tool, kept for a while by the
 * arguments (and the caller) they answered
 *
 * Copyright 2026 The mcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include "mcp-json-writer-private.h"
#include "mcp-server-private.h"

#define MAX_ENTRIES 256

typedef struct
{
  JsonNode *result;
  gint64    expires;   /* monotonic µs */
} CacheEntry;

struct _McpToolCache
{
  guint                ttl;       /* ms */
  gboolean             shared;    /* one cache for every caller */
  McpToolCacheKeyFunc  key_func;
  gpointer             key_data;
  GDestroyNotify       key_destroy;
  GHashTable          *entries;   /* key → CacheEntry */
  GQueue               order;     /* keys, oldest first (owned by entries) */
  GMutex               lock;
};

static void
cache_entry_free (CacheEntry *entry)
{
  json_node_unref (entry->result);
  g_free (entry);
}

McpToolCache *
_mcp_tool_cache_new (guint    ttl_ms,
                     gboolean shared)
{
  McpToolCache *self = g_new0 (McpToolCache, 1);

  self->ttl = ttl_ms;
  self->shared = shared;
  self->entries = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                         (GDestroyNotify) cache_entry_free);
  g_queue_init (&self->order);
  g_mutex_init (&self->lock);
  return self;
}

void
_mcp_tool_cache_free (McpToolCache *self)
{
  if (self->key_destroy != NULL)
    self->key_destroy (self->key_data);
  g_queue_clear (&self->order);
  g_hash_table_unref (self->entries);
  g_mutex_clear (&self->lock);
  g_free (self);
}

void
_mcp_tool_cache_set_key_func (McpToolCache        *self,
                              McpToolCacheKeyFunc  func,
                              gpointer             user_data,
                              GDestroyNotify       destroy)
{
  if (self->key_destroy != NULL)
    self->key_destroy (self->key_data);
  self->key_func = func;
  self->key_data = user_data;
  self->key_destroy = destroy;
}

/* JSON with the members of every object in name order: equal arguments
 * make equal keys, however the client ordered them. */
static JsonNode *
canonical (JsonNode *node)
{
  if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *object = json_node_get_object (node);
      g_autoptr(GList) names = g_list_sort (json_object_get_members (object), (GCompareFunc) strcmp);
      JsonObject *sorted = json_object_new ();

      for (GList *l = names; l != NULL; l = l->next)
        json_object_set_member (sorted, l->data, canonical (json_object_get_member (object, l->data)));
      return json_node_init_object (json_node_alloc (), sorted);
    }

  if (node != NULL && JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);
      JsonArray *copy = json_array_sized_new (json_array_get_length (array));

      for (guint i = 0; i < json_array_get_length (array); i++)
        json_array_add_element (copy, canonical (json_array_get_element (array, i)));
      return json_node_init_array (json_node_alloc (), copy);
    }

  return node != NULL ? json_node_copy (node) : json_node_new (JSON_NODE_NULL);
}

char *
_mcp_tool_cache_key (McpToolCache *self,
                     McpServer    *server,
                     const char   *tool,
                     JsonNode     *arguments,
                     McpAuthInfo  *identity)
{
  g_autofree char *own = NULL;
  const char *principal = identity != NULL ? mcp_auth_info_get_principal (identity) : "";

  if (self->key_func != NULL)
    {
      own = self->key_func (server, tool, arguments, identity, self->key_data);
      if (own == NULL)
        return NULL;   /* the application says: not this one */
    }
  else
    {
      g_autoptr(JsonNode) sorted = canonical (arguments);

      own = _mcp_json_to_string (sorted, NULL);
    }

  /* A cache that is not shared keeps each caller's results apart. */
  return self->shared ? g_strconcat ("*\x1f", own, NULL)
                      : g_strconcat ("p:", principal, "\x1f", own, NULL);
}

JsonNode *
_mcp_tool_cache_lookup (McpToolCache *self,
                        const char   *key)
{
  CacheEntry *entry;
  JsonNode *result = NULL;

  g_mutex_lock (&self->lock);
  entry = g_hash_table_lookup (self->entries, key);
  if (entry != NULL && entry->expires > g_get_monotonic_time ())
    result = json_node_copy (entry->result);
  g_mutex_unlock (&self->lock);

  return result;
}

void
_mcp_tool_cache_store (McpToolCache *self,
                       const char   *key,
                       JsonNode     *result)
{
  gint64 now = g_get_monotonic_time ();
  CacheEntry *entry = g_new0 (CacheEntry, 1);
  char *owned = g_strdup (key);

  entry->result = json_node_copy (result);
  entry->expires = now + (gint64) self->ttl * 1000;

  g_mutex_lock (&self->lock);
  if (g_hash_table_contains (self->entries, key))
    {
      GList *link = g_queue_find_custom (&self->order, key, (GCompareFunc) strcmp);

      if (link != NULL)
        g_queue_delete_link (&self->order, link);
      g_hash_table_remove (self->entries, key);
    }
  /* Oldest first out, expired or not, once full. */
  while (g_hash_table_size (self->entries) >= MAX_ENTRIES && !g_queue_is_empty (&self->order))
    g_hash_table_remove (self->entries, g_queue_pop_head (&self->order));
  g_hash_table_insert (self->entries, owned, entry);
  g_queue_push_tail (&self->order, owned);
  g_mutex_unlock (&self->lock);
}

guint
_mcp_tool_cache_get_ttl (McpToolCache *self)
{
  return self->ttl;
}
