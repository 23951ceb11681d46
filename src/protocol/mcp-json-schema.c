/* mcp-json-schema.c
 *
 * Copyright 2026 The mcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <stdarg.h>
#include <string.h>

#include <json-glib/json-glib.h>

#include "mcp-error.h"
#include "mcp-json-node-private.h"
#include "mcp-json-schema-private.h"
#include "mcp-json-writer-private.h"

/* Schemas and instances may come from a peer: every recursion is capped so
 * that a $ref cycle or a hostile, deeply nested value ends in an error
 * instead of a stack overflow.
 */
#define MAX_DEPTH 256

/* How much of a value or of a list of allowed values goes into a message. */
#define MAX_RENDERED 64

/* Subschema evaluations one validation may spend: a fixed allowance (the
 * caller's budget, _MCP_JSON_SCHEMA_DEFAULT_BUDGET by default) plus
 * so many per value in the instance. Without it a schema of a few hundred
 * bytes — nested anyOf whose alternatives all fail deep down — takes time
 * exponential in its size (found by fuzzing); with it, validation costs at
 * most a constant factor more than walking the instance.
 */
#define MAX_EVALUATIONS_PER_NODE 16

typedef enum
{
  TYPE_NULL    = 1 << 0,
  TYPE_BOOLEAN = 1 << 1,
  TYPE_INTEGER = 1 << 2,
  TYPE_NUMBER  = 1 << 3,
  TYPE_STRING  = 1 << 4,
  TYPE_ARRAY   = 1 << 5,
  TYPE_OBJECT  = 1 << 6,
} JsonType;

static const struct {
  JsonType    type;
  const char *name;
} type_names[] = {
  { TYPE_OBJECT, "object" },
  { TYPE_ARRAY, "array" },
  { TYPE_STRING, "string" },
  { TYPE_NUMBER, "number" },
  { TYPE_INTEGER, "integer" },
  { TYPE_BOOLEAN, "boolean" },
  { TYPE_NULL, "null" },
};

typedef enum
{
  SCHEMA_TRUE,
  SCHEMA_FALSE,
  SCHEMA_OBJECT,
} SchemaKind;

typedef enum
{
  HAS_MINIMUM           = 1 << 0,
  HAS_MAXIMUM           = 1 << 1,
  HAS_EXCLUSIVE_MINIMUM = 1 << 2,
  HAS_EXCLUSIVE_MAXIMUM = 1 << 3,
  HAS_MULTIPLE_OF       = 1 << 4,
  HAS_UNIQUE_ITEMS      = 1 << 5,
} SchemaFlags;

/* JSON numbers keep their integer-ness so that large integers compare
 * exactly instead of through a lossy double.
 */
typedef struct
{
  gboolean is_int;
  gint64   i;
  double   d;
} Num;

typedef struct _Schema Schema;

typedef struct
{
  char   *name;
  Schema *schema;
} Property;

typedef struct
{
  char   *pattern;
  GRegex *regex;
  Schema *schema;
} PatternProperty;

typedef struct
{
  char    *name;
  char   **required;
  Schema  *schema;
} Dependency;

struct _Schema
{
  char        *location;
  SchemaKind   kind;
  SchemaFlags  flags;
  guint        types;

  /* in-place applicators */
  Schema      *ref;
  GPtrArray   *all_of;
  GPtrArray   *any_of;
  GPtrArray   *one_of;
  Schema      *not_schema;
  Schema      *if_schema;
  Schema      *then_schema;
  Schema      *else_schema;

  /* any instance */
  JsonNode    *const_value;
  GPtrArray   *enum_values;
  char        *expected_text;

  /* numbers */
  Num          minimum;
  Num          maximum;
  Num          exclusive_minimum;
  Num          exclusive_maximum;
  Num          multiple_of;

  /* strings */
  gint64       min_length;
  gint64       max_length;
  char        *pattern;
  GRegex      *regex;

  /* arrays: prefix_items then items for the rest, whichever draft spelled them */
  GPtrArray   *prefix_items;
  Schema      *items;
  const char  *items_keyword;
  Schema      *contains;
  gint64       min_contains;
  gint64       max_contains;
  gint64       min_items;
  gint64       max_items;
  Schema      *unevaluated_items;

  /* objects */
  GPtrArray   *properties;
  GHashTable  *property_table;
  GPtrArray   *pattern_properties;
  Schema      *additional_properties;
  Schema      *property_names;
  char       **required;
  gint64       min_properties;
  gint64       max_properties;
  GPtrArray   *dependencies;
  Schema      *unevaluated_properties;
};

struct _McpJsonSchema
{
  gatomicrefcount  ref_count;
  Schema          *root;
  GPtrArray       *schemas;
  GString         *spare_path;   /* a validation's path buffer, kept for the next */
};

/* Numbers and values */

static gboolean
double_is_integral (double d)
{
  if (d != d || d - d != 0)
    return FALSE;

  /* every double this large is an integer, and casting it could overflow */
  if (d >= 4503599627370496.0 || d <= -4503599627370496.0)
    return TRUE;

  return (double) (gint64) d == d;
}

static gboolean
num_from_node (JsonNode *node,
               Num      *num)
{
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return FALSE;

  switch (json_node_get_value_type (node))
    {
    case G_TYPE_INT64:
      num->is_int = TRUE;
      num->i = json_node_get_int (node);
      num->d = (double) num->i;
      return TRUE;

    case G_TYPE_DOUBLE:
      num->is_int = FALSE;
      num->d = json_node_get_double (node);
      num->i = 0;
      return TRUE;

    default:
      return FALSE;
    }
}

/* Exact ordering of a double against an integer, without a lossy cast. */
static int
compare_double_int (double d,
                    gint64 i)
{
  gint64 t;
  double frac;

  if (d != d)
    return 1;
  if (d >= 9223372036854775808.0)
    return 1;
  if (d < -9223372036854775808.0)
    return -1;

  t = (gint64) d;
  if (t != i)
    return t > i ? 1 : -1;

  frac = d - (double) t;
  return (frac > 0) - (frac < 0);
}

static int
num_compare (const Num *a,
             const Num *b)
{
  if (a->is_int && b->is_int)
    return (a->i > b->i) - (a->i < b->i);
  if (!a->is_int && !b->is_int)
    return (a->d > b->d) - (a->d < b->d);
  if (a->is_int)
    return -compare_double_int (b->d, a->i);
  return compare_double_int (a->d, b->i);
}

static gboolean
num_is_multiple_of (const Num *x,
                    const Num *m)
{
  double q;
  double a;
  double r;

  if (x->is_int && m->is_int)
    return m->i != 0 && x->i % m->i == 0;

  q = x->d / m->d;

  /* 1e308 / 0.5 overflows, yet every integer is a multiple of 0.5 */
  if (q - q != 0)
    return double_is_integral (x->d) && double_is_integral (1.0 / m->d);

  a = q < 0 ? -q : q;
  if (a >= 4503599627370496.0)
    return TRUE;

  /* decimal multiples such as 0.3 / 0.1 are only nearly integral in binary */
  r = a - (double) (gint64) a;
  if (r > 0.5)
    r = 1.0 - r;
  return r <= 1e-9 * (a > 1.0 ? a : 1.0);
}

static void
num_format (const Num *num,
            char       buf[G_ASCII_DTOSTR_BUF_SIZE])
{
  if (num->is_int)
    {
      g_snprintf (buf, G_ASCII_DTOSTR_BUF_SIZE, "%" G_GINT64_FORMAT, num->i);
      return;
    }

  /* prefer the short form unless it would not read back the same */
  g_ascii_formatd (buf, G_ASCII_DTOSTR_BUF_SIZE, "%.15g", num->d);
  if (g_ascii_strtod (buf, NULL) != num->d)
    g_ascii_formatd (buf, G_ASCII_DTOSTR_BUF_SIZE, "%.17g", num->d);
}

static guint
instance_type (JsonNode *node)
{
  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT:
      return TYPE_OBJECT;

    case JSON_NODE_ARRAY:
      return TYPE_ARRAY;

    case JSON_NODE_NULL:
      return TYPE_NULL;

    case JSON_NODE_VALUE:
      switch (json_node_get_value_type (node))
        {
        case G_TYPE_INT64:
          return TYPE_INTEGER;
        case G_TYPE_DOUBLE:
          return double_is_integral (json_node_get_double (node)) ? TYPE_INTEGER : TYPE_NUMBER;
        case G_TYPE_BOOLEAN:
          return TYPE_BOOLEAN;
        case G_TYPE_STRING:
          return TYPE_STRING;
        default:
          return 0;
        }

    default:
      return 0;
    }
}

static const char *
instance_type_name (JsonNode *node)
{
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_DOUBLE)
    return "number";

  switch (instance_type (node))
    {
    case TYPE_OBJECT: return "object";
    case TYPE_ARRAY: return "array";
    case TYPE_STRING: return "string";
    case TYPE_NUMBER: return "number";
    case TYPE_INTEGER: return "integer";
    case TYPE_BOOLEAN: return "boolean";
    case TYPE_NULL: return "null";
    default: return "unknown value";
    }
}

static char *
types_to_string (guint types)
{
  GString *str = g_string_new (NULL);
  guint n_types = 0;
  guint seen = 0;

  for (guint i = 0; i < G_N_ELEMENTS (type_names); i++)
    if ((types & type_names[i].type) != 0)
      n_types++;

  for (guint i = 0; i < G_N_ELEMENTS (type_names); i++)
    {
      if ((types & type_names[i].type) == 0)
        continue;

      if (seen > 0)
        g_string_append (str, seen + 1 == n_types ? " or " : ", ");
      g_string_append (str, type_names[i].name);
      seen++;
    }

  return g_string_free (str, FALSE);
}

static gboolean
type_matches (guint    types,
              guint    actual)
{
  /* an integer is a number too */
  if ((types & TYPE_NUMBER) != 0)
    types |= TYPE_INTEGER;
  return (types & actual) != 0;
}

static gboolean
json_equal (JsonNode *a,
            JsonNode *b,
            guint     depth,
            gboolean *too_deep)
{
  JsonNodeType type = JSON_NODE_TYPE (a);

  if (depth > MAX_DEPTH)
    {
      *too_deep = TRUE;
      return FALSE;
    }

  if (type != JSON_NODE_TYPE (b))
    return FALSE;

  switch (type)
    {
    case JSON_NODE_NULL:
      return TRUE;

    case JSON_NODE_VALUE:
      {
        Num na;
        Num nb;

        if (num_from_node (a, &na))
          return num_from_node (b, &nb) && num_compare (&na, &nb) == 0;

        if (json_node_get_value_type (a) != json_node_get_value_type (b))
          return FALSE;

        switch (json_node_get_value_type (a))
          {
          case G_TYPE_BOOLEAN:
            return json_node_get_boolean (a) == json_node_get_boolean (b);
          case G_TYPE_STRING:
            return g_strcmp0 (json_node_get_string (a), json_node_get_string (b)) == 0;
          default:
            return FALSE;
          }
      }

    case JSON_NODE_ARRAY:
      {
        JsonArray *aa = json_node_get_array (a);
        JsonArray *ab = json_node_get_array (b);
        guint n = json_array_get_length (aa);

        if (n != json_array_get_length (ab))
          return FALSE;

        for (guint i = 0; i < n; i++)
          {
            if (!json_equal (json_array_get_element (aa, i),
                             json_array_get_element (ab, i),
                             depth + 1, too_deep))
              return FALSE;
          }

        return TRUE;
      }

    case JSON_NODE_OBJECT:
      {
        JsonObject *oa = json_node_get_object (a);
        JsonObject *ob = json_node_get_object (b);
        JsonObjectIter iter;
        const char *name;
        JsonNode *member;

        if (json_object_get_size (oa) != json_object_get_size (ob))
          return FALSE;

        json_object_iter_init (&iter, oa);
        while (json_object_iter_next (&iter, &name, &member))
          {
            JsonNode *other = json_object_get_member (ob, name);

            if (other == NULL || !json_equal (member, other, depth + 1, too_deep))
              return FALSE;
          }

        return TRUE;
      }

    default:
      return FALSE;
    }
}

/* Consistent with json_equal(): 1 and 1.0 hash alike, member order does not
 * matter.
 */
static guint
json_hash (JsonNode *node,
           guint     depth,
           gboolean *too_deep)
{
  if (depth > MAX_DEPTH)
    {
      *too_deep = TRUE;
      return 0;
    }

  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_NULL:
      return 0x9e3779b9;

    case JSON_NODE_VALUE:
      {
        Num num;

        if (num_from_node (node, &num))
          {
            gint64 i;

            if (num.is_int)
              i = num.i;
            else if (double_is_integral (num.d)
                     && num.d > -9223372036854775808.0
                     && num.d < 9223372036854775808.0)
              i = (gint64) num.d;
            else
              {
                double d = num.d;
                return g_double_hash (&d);
              }

            return g_int64_hash (&i);
          }

        switch (json_node_get_value_type (node))
          {
          case G_TYPE_BOOLEAN:
            return json_node_get_boolean (node) ? 0x7f4a7c15 : 0x2545f491;
          case G_TYPE_STRING:
            return g_str_hash (json_node_get_string (node));
          default:
            return 1;
          }
      }

    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);
        guint n = json_array_get_length (array);
        guint hash = 0x1b873593;

        for (guint i = 0; i < n && !*too_deep; i++)
          hash = hash * 31 + json_hash (json_array_get_element (array, i), depth + 1, too_deep);

        return hash;
      }

    case JSON_NODE_OBJECT:
      {
        JsonObjectIter iter;
        const char *name;
        JsonNode *member;
        guint hash = 0xcc9e2d51;

        json_object_iter_init (&iter, json_node_get_object (node));
        while (json_object_iter_next (&iter, &name, &member) && !*too_deep)
          hash += (g_str_hash (name) * 0x85ebca6b) ^ json_hash (member, depth + 1, too_deep);

        return hash;
      }

    default:
      return 0;
    }
}

/* A compiled schema must not depend on the caller leaving its JsonNode
 * alone, and json_node_copy() shares containers.
 */
static JsonNode *
json_deep_copy (JsonNode *node,
                guint     depth)
{
  if (depth > MAX_DEPTH)
    return NULL;

  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT:
      {
        g_autoptr(JsonObject) copy = json_object_new ();
        JsonObjectIter iter;
        const char *name;
        JsonNode *member;

        json_object_iter_init_ordered (&iter, json_node_get_object (node));
        while (json_object_iter_next_ordered (&iter, &name, &member))
          {
            JsonNode *child = json_deep_copy (member, depth + 1);

            if (child == NULL)
              return NULL;
            json_object_set_member (copy, name, child);
          }

        return json_node_init_object (json_node_alloc (), copy);
      }

    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);
        guint n = json_array_get_length (array);
        g_autoptr(JsonArray) copy = json_array_sized_new (n);

        for (guint i = 0; i < n; i++)
          {
            JsonNode *child = json_deep_copy (json_array_get_element (array, i), depth + 1);

            if (child == NULL)
              return NULL;
            json_array_add_element (copy, child);
          }

        return json_node_init_array (json_node_alloc (), copy);
      }

    case JSON_NODE_VALUE:
    case JSON_NODE_NULL:
    default:
      return json_node_copy (node);
    }
}

/* Cuts at a character boundary so messages stay valid UTF-8. */
static char *
truncate_text (char *text)
{
  const char *end;

  if (strlen (text) <= MAX_RENDERED)
    return text;

  end = g_utf8_find_prev_char (text, text + MAX_RENDERED + 1);
  if (end == NULL)
    end = text;

  {
    char *shorter = g_strdup_printf ("%.*s…", (int) (end - text), text);
    g_free (text);
    return shorter;
  }
}

static void
render_into (GString  *out,
             JsonNode *node)
{
  /* stops descending once the text is long enough, so a huge or deeply
   * nested instance costs no more than a short one
   */
  if (out->len > MAX_RENDERED)
    return;

  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);
        guint n = json_array_get_length (array);

        g_string_append_c (out, '[');
        for (guint i = 0; i < n && out->len <= MAX_RENDERED; i++)
          {
            if (i > 0)
              g_string_append_c (out, ',');
            render_into (out, json_array_get_element (array, i));
          }
        g_string_append_c (out, ']');
        break;
      }

    case JSON_NODE_OBJECT:
      {
        JsonObjectIter iter;
        const char *name;
        JsonNode *member;
        gboolean first = TRUE;

        g_string_append_c (out, '{');
        json_object_iter_init_ordered (&iter, json_node_get_object (node));
        while (out->len <= MAX_RENDERED && json_object_iter_next_ordered (&iter, &name, &member))
          {
            if (!first)
              g_string_append_c (out, ',');
            first = FALSE;
            _mcp_json_write_string (out, name);
            g_string_append_c (out, ':');
            render_into (out, member);
          }
        g_string_append_c (out, '}');
        break;
      }

    case JSON_NODE_NULL:
    case JSON_NODE_VALUE:
    default:
      _mcp_json_write (out, node);
      break;
    }
}

static char *
render_value (JsonNode *node)
{
  GString *out = g_string_new (NULL);

  render_into (out, node);
  return truncate_text (g_string_free (out, FALSE));
}

/* Code points, not bytes; never reads past the end of invalid UTF-8. */
static gsize
utf8_length (const char *str)
{
  gsize n = 0;

  for (; *str != '\0'; str++)
    if (((guchar) *str & 0xC0) != 0x80)
      n++;

  return n;
}

/* Schema structures */

static void
property_free (gpointer data)
{
  Property *property = data;

  g_free (property->name);
  g_free (property);
}

static void
pattern_property_free (gpointer data)
{
  PatternProperty *pp = data;

  g_free (pp->pattern);
  g_clear_pointer (&pp->regex, g_regex_unref);
  g_free (pp);
}

static void
dependency_free (gpointer data)
{
  Dependency *dep = data;

  g_free (dep->name);
  g_strfreev (dep->required);
  g_free (dep);
}

static Schema *
schema_new (const char *location)
{
  Schema *s = g_new0 (Schema, 1);

  s->location = g_strdup (location);
  s->kind = SCHEMA_TRUE;
  s->min_length = -1;
  s->max_length = -1;
  s->min_items = -1;
  s->max_items = -1;
  s->min_contains = 1;
  s->max_contains = -1;
  s->min_properties = -1;
  s->max_properties = -1;

  return s;
}

static void
schema_free (gpointer data)
{
  Schema *s = data;

  g_free (s->location);
  g_clear_pointer (&s->all_of, g_ptr_array_unref);
  g_clear_pointer (&s->any_of, g_ptr_array_unref);
  g_clear_pointer (&s->one_of, g_ptr_array_unref);
  g_clear_pointer (&s->const_value, json_node_unref);
  g_clear_pointer (&s->enum_values, g_ptr_array_unref);
  g_free (s->expected_text);
  g_free (s->pattern);
  g_clear_pointer (&s->regex, g_regex_unref);
  g_clear_pointer (&s->prefix_items, g_ptr_array_unref);
  g_clear_pointer (&s->property_table, g_hash_table_unref);
  g_clear_pointer (&s->properties, g_ptr_array_unref);
  g_clear_pointer (&s->pattern_properties, g_ptr_array_unref);
  g_strfreev (s->required);
  g_clear_pointer (&s->dependencies, g_ptr_array_unref);
  g_free (s);
}

/* Compiler */

typedef struct
{
  Schema   *schema;
  JsonNode *node;
} Pending;

typedef struct
{
  JsonNode   *document;
  gboolean    legacy;
  char       *base_id;
  GHashTable *memo;
  GPtrArray  *schemas;
  GQueue      pending;
  GHashTable *regexes;
} Compiler;

static gboolean compile_into (Compiler  *c,
                              Schema    *s,
                              JsonNode  *node,
                              guint      depth,
                              GError   **error);

static gboolean G_GNUC_PRINTF (4, 5)
schema_error (GError     **error,
              const char  *location,
              const char  *keyword,
              const char  *format,
              ...)
{
  g_autofree char *message = NULL;
  g_autofree char *full = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  if (keyword != NULL)
    full = g_strdup_printf ("invalid schema at %s/%s: %s", location, keyword, message);
  else
    full = g_strdup_printf ("invalid schema at %s: %s", location, message);

  /* The message can reach a peer: it must be UTF-8 whatever the schema
   * (a JsonNode built in code) holds. */
  if (!g_utf8_validate (full, -1, NULL))
    {
      char *valid = g_utf8_make_valid (full, -1);

      g_free (full);
      full = valid;
    }
  g_set_error_literal (error, MCP_ERROR, MCP_ERROR_INVALID_PARAMS, full);

  return FALSE;
}

static void
append_pointer_token (GString    *str,
                      const char *token)
{
  g_string_append_c (str, '/');
  for (const char *p = token; *p != '\0'; p++)
    {
      if (*p == '~')
        g_string_append (str, "~0");
      else if (*p == '/')
        g_string_append (str, "~1");
      else
        g_string_append_c (str, *p);
    }
}

static char *
location_child (const char *base,
                const char *keyword,
                const char *name,
                int         index)
{
  GString *str = g_string_new (base);

  append_pointer_token (str, keyword);
  if (name != NULL)
    append_pointer_token (str, name);
  else if (index >= 0)
    g_string_append_printf (str, "/%d", index);

  return g_string_free (str, FALSE);
}

/* A schema met for the first time is registered before it is compiled, so
 * that a cycle finds it instead of recursing.
 */
static Schema *
compiler_register (Compiler   *c,
                   JsonNode   *node,
                   const char *location)
{
  Schema *s = schema_new (location);

  g_ptr_array_add (c->schemas, s);
  g_hash_table_insert (c->memo, node, s);

  return s;
}

static Schema *
compile_subschema (Compiler    *c,
                   JsonNode    *node,
                   const char  *location,
                   guint        depth,
                   GError     **error)
{
  Schema *s = g_hash_table_lookup (c->memo, node);

  if (s != NULL)
    return s;

  if (depth > MAX_DEPTH)
    {
      schema_error (error, location, NULL, "schema nested deeper than %u levels", MAX_DEPTH);
      return NULL;
    }

  s = compiler_register (c, node, location);
  if (!compile_into (c, s, node, depth, error))
    return NULL;

  return s;
}

/* $ref targets and $defs are compiled from the work queue rather than
 * recursively, so a long chain of references costs no stack.
 */
static Schema *
compile_later (Compiler   *c,
               JsonNode   *node,
               const char *location)
{
  Schema *s = g_hash_table_lookup (c->memo, node);
  Pending *pending;

  if (s != NULL)
    return s;

  s = compiler_register (c, node, location);
  pending = g_new0 (Pending, 1);
  pending->schema = s;
  pending->node = node;
  g_queue_push_tail (&c->pending, pending);

  return s;
}

static JsonNode *
resolve_pointer (JsonNode    *root,
                 const char  *pointer,
                 GError     **error)
{
  JsonNode *node = root;
  const char *p = pointer;

  if (*p != '\0' && *p != '/')
    {
      g_set_error (error, MCP_ERROR, MCP_ERROR_INVALID_PARAMS,
                   "“%s” is not a JSON pointer", pointer);
      return NULL;
    }

  while (*p == '/')
    {
      const char *end = strchr (p + 1, '/');
      g_autoptr(GString) token = g_string_new (NULL);

      if (end == NULL)
        end = p + strlen (p);

      for (const char *q = p + 1; q < end; q++)
        {
          if (*q != '~')
            {
              g_string_append_c (token, *q);
            }
          else if (q + 1 < end && (q[1] == '0' || q[1] == '1'))
            {
              g_string_append_c (token, q[1] == '0' ? '~' : '/');
              q++;
            }
          else
            {
              g_set_error (error, MCP_ERROR, MCP_ERROR_INVALID_PARAMS,
                           "invalid escape in JSON pointer “%s”", pointer);
              return NULL;
            }
        }

      if (JSON_NODE_HOLDS_OBJECT (node))
        {
          node = json_object_get_member (json_node_get_object (node), token->str);
        }
      else if (JSON_NODE_HOLDS_ARRAY (node))
        {
          JsonArray *array = json_node_get_array (node);
          guint64 index = 0;

          if (token->len == 0 || token->len > 9
              || (token->len > 1 && token->str[0] == '0')
              || !g_ascii_string_to_unsigned (token->str, 10, 0, G_MAXUINT, &index, NULL)
              || index >= json_array_get_length (array))
            node = NULL;
          else
            node = json_array_get_element (array, (guint) index);
        }
      else
        {
          node = NULL;
        }

      if (node == NULL)
        {
          g_set_error (error, MCP_ERROR, MCP_ERROR_INVALID_PARAMS,
                       "JSON pointer “%s” does not resolve", pointer);
          return NULL;
        }

      p = end;
    }

  return node;
}

/* Finds what a $ref points at within the document; other documents are
 * never fetched.
 */
static Schema *
compile_ref (Compiler    *c,
             const char  *ref,
             const char  *location,
             GError     **error)
{
  const char *fragment = NULL;
  g_autofree char *decoded = NULL;
  g_autofree char *target_location = NULL;
  g_autoptr(GError) local_error = NULL;
  JsonNode *target;

  if (ref[0] == '#')
    fragment = ref + 1;
  else if (ref[0] == '\0')
    fragment = "";
  else if (c->base_id != NULL && g_str_has_prefix (ref, c->base_id))
    {
      const char *rest = ref + strlen (c->base_id);

      if (*rest == '\0')
        fragment = "";
      else if (*rest == '#')
        fragment = rest + 1;
    }

  if (fragment == NULL)
    {
      if (g_uri_peek_scheme (ref) != NULL)
        schema_error (error, location, "$ref",
                      "remote reference “%s” is not supported; only references within the same document are", ref);
      else
        schema_error (error, location, "$ref",
                      "reference “%s” to another document is not supported; only references within the same document are", ref);
      return NULL;
    }

  /* Member names are UTF-8: "%de" can name nothing, and must not reach an
   * error message. */
  decoded = g_uri_unescape_string (fragment, NULL);
  if (decoded == NULL || !g_utf8_validate (decoded, -1, NULL))
    {
      schema_error (error, location, "$ref", "invalid percent-encoding in “%s”", ref);
      return NULL;
    }

  if (decoded[0] != '\0' && decoded[0] != '/')
    {
      schema_error (error, location, "$ref",
                    "“%s”: anchors are not supported, use a JSON pointer", ref);
      return NULL;
    }

  target = resolve_pointer (c->document, decoded, &local_error);
  if (target == NULL)
    {
      schema_error (error, location, "$ref", "cannot resolve “%s”: %s", ref, local_error->message);
      return NULL;
    }

  target_location = g_strconcat ("#", fragment, NULL);
  return compile_later (c, target, target_location);
}

static gboolean
get_schema (Compiler    *c,
            Schema      *s,
            JsonObject  *object,
            const char  *keyword,
            guint        depth,
            Schema     **out,
            GError     **error)
{
  JsonNode *node = json_object_get_member (object, keyword);
  g_autofree char *location = NULL;

  if (node == NULL)
    return TRUE;

  location = location_child (s->location, keyword, NULL, -1);
  *out = compile_subschema (c, node, location, depth + 1, error);
  return *out != NULL;
}

/* Compiles each element of @array, the value of @keyword, into *@out. */
static gboolean
compile_schema_list (Compiler    *c,
                     Schema      *s,
                     const char  *keyword,
                     JsonArray   *array,
                     guint        depth,
                     GPtrArray  **out,
                     GError     **error)
{
  guint n = json_array_get_length (array);

  *out = g_ptr_array_sized_new (n);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *location = location_child (s->location, keyword, NULL, i);
      Schema *child = compile_subschema (c, json_array_get_element (array, i), location, depth + 1, error);

      if (child == NULL)
        return FALSE;
      g_ptr_array_add (*out, child);
    }

  return TRUE;
}

static gboolean
get_schema_array (Compiler    *c,
                  Schema      *s,
                  JsonObject  *object,
                  const char  *keyword,
                  guint        depth,
                  GPtrArray  **out,
                  GError     **error)
{
  JsonArray *array = _mcp_json_object_get_array (object, keyword);

  if (!json_object_has_member (object, keyword))
    return TRUE;

  if (array == NULL || json_array_get_length (array) == 0)
    return schema_error (error, s->location, keyword, "expected a non-empty array of schemas");

  return compile_schema_list (c, s, keyword, array, depth, out, error);
}

static gboolean
get_count (Schema      *s,
           JsonObject  *object,
           const char  *keyword,
           gint64      *out,
           GError     **error)
{
  JsonNode *node = json_object_get_member (object, keyword);
  Num num;

  if (node == NULL)
    return TRUE;

  if (!num_from_node (node, &num)
      || (num.is_int && num.i < 0)
      || (!num.is_int && (!double_is_integral (num.d) || num.d < 0)))
    return schema_error (error, s->location, keyword, "expected a non-negative integer");

  if (num.is_int)
    *out = num.i;
  else
    *out = num.d >= 9223372036854775807.0 ? G_MAXINT64 : (gint64) num.d;

  return TRUE;
}

static gboolean
get_number (Schema      *s,
            JsonObject  *object,
            const char  *keyword,
            SchemaFlags  flag,
            Num         *out,
            GError     **error)
{
  JsonNode *node = json_object_get_member (object, keyword);

  if (node == NULL)
    return TRUE;

  if (!num_from_node (node, out))
    return schema_error (error, s->location, keyword, "expected a number");

  s->flags |= flag;
  return TRUE;
}

/* JSON Schema patterns are ECMA-262 regular expressions. PCRE knows \x{…}
 * but not \uXXXX, and GRegex gives \d and \w their Unicode meaning where
 * ECMA-262 means ASCII only: a pattern such as ^\d+$ must not let other
 * scripts' digits through to code that expects 0-9.
 */
static char *
translate_pattern (const char *pattern)
{
  GString *out = g_string_sized_new (strlen (pattern) + 8);
  gboolean in_class = FALSE;

  for (const char *p = pattern; *p != '\0'; p++)
    {
      if (p[0] == '\\' && (p[1] == 'd' || p[1] == 'w' || p[1] == 's'
                            || (!in_class && (p[1] == 'D' || p[1] == 'W' || p[1] == 'S'))))
        {
          const char *set;

          if (p[1] == 'd' || p[1] == 'D')
            set = "0-9";
          else if (p[1] == 'w' || p[1] == 'W')
            set = "A-Za-z0-9_";
          else
            set = "\\s\\x{FEFF}";

          if (in_class)
            g_string_append (out, set);
          else
            g_string_append_printf (out, "[%s%s]", g_ascii_isupper (p[1]) ? "^" : "", set);
          p++;
          continue;
        }

      if (p[0] == '[' && !in_class)
        in_class = TRUE;
      else if (p[0] == ']' && in_class)
        in_class = FALSE;

      if (p[0] == '\\' && p[1] == 'u'
          && g_ascii_isxdigit (p[2]) && g_ascii_isxdigit (p[3])
          && g_ascii_isxdigit (p[4]) && g_ascii_isxdigit (p[5]))
        {
          guint unit = (g_ascii_xdigit_value (p[2]) << 12) | (g_ascii_xdigit_value (p[3]) << 8)
                     | (g_ascii_xdigit_value (p[4]) << 4) | g_ascii_xdigit_value (p[5]);

          p += 5;

          /* a surrogate pair spelled as two escapes is one code point */
          if (unit >= 0xD800 && unit <= 0xDBFF
              && p[1] == '\\' && p[2] == 'u'
              && g_ascii_isxdigit (p[3]) && g_ascii_isxdigit (p[4])
              && g_ascii_isxdigit (p[5]) && g_ascii_isxdigit (p[6]))
            {
              guint low = (g_ascii_xdigit_value (p[3]) << 12) | (g_ascii_xdigit_value (p[4]) << 8)
                        | (g_ascii_xdigit_value (p[5]) << 4) | g_ascii_xdigit_value (p[6]);

              if (low >= 0xDC00 && low <= 0xDFFF)
                {
                  unit = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00);
                  p += 6;
                }
            }

          g_string_append_printf (out, "\\x{%X}", unit);
        }
      else if (p[0] == '\\' && p[1] != '\0')
        {
          g_string_append_c (out, p[0]);
          g_string_append_c (out, p[1]);
          p++;
        }
      else
        {
          g_string_append_c (out, *p);
        }
    }

  return g_string_free (out, FALSE);
}

static GRegex *
compile_pattern (Compiler    *c,
                 const char  *location,
                 const char  *keyword,
                 const char  *pattern,
                 GError     **error)
{
  g_autofree char *translated = NULL;
  g_autoptr(GError) local_error = NULL;
  GRegex *regex;

  regex = g_hash_table_lookup (c->regexes, pattern);
  if (regex != NULL)
    return g_regex_ref (regex);

  translated = translate_pattern (pattern);
  regex = g_regex_new (translated, G_REGEX_DOLLAR_ENDONLY, 0, &local_error);
  if (regex == NULL)
    {
      schema_error (error, location, keyword, "invalid regular expression “%s”: %s",
                    pattern, local_error->message);
      return NULL;
    }

  g_hash_table_insert (c->regexes, g_strdup (pattern), regex);
  return g_regex_ref (regex);
}

/* The strings of an array of strings, or NULL if @node is anything else. */
static char **
get_string_list (JsonNode *node)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  JsonArray *array;
  guint n;

  if (!JSON_NODE_HOLDS_ARRAY (node))
    return NULL;

  array = json_node_get_array (node);
  n = json_array_get_length (array);
  for (guint i = 0; i < n; i++)
    {
      JsonNode *element = json_array_get_element (array, i);

      if (!_mcp_json_node_is_string (element))
        return NULL;
      g_strv_builder_add (builder, json_node_get_string (element));
    }

  return g_strv_builder_end (builder);
}

static gboolean
compile_type (Schema      *s,
              JsonNode    *node,
              GError     **error)
{
  g_auto(GStrv) names = NULL;

  if (_mcp_json_node_is_string (node))
    {
      names = g_new0 (char *, 2);
      names[0] = g_strdup (json_node_get_string (node));
    }
  else
    names = get_string_list (node);

  if (names == NULL)
    return schema_error (error, s->location, "type", "expected a type name or an array of them");

  if (names[0] == NULL)
    return schema_error (error, s->location, "type", "expected at least one type name");

  for (guint i = 0; names[i] != NULL; i++)
    {
      guint type = 0;

      for (guint j = 0; j < G_N_ELEMENTS (type_names); j++)
        if (g_str_equal (names[i], type_names[j].name))
          type = type_names[j].type;

      if (type == 0)
        return schema_error (error, s->location, "type", "unknown type “%s”", names[i]);

      s->types |= type;
    }

  return TRUE;
}

static gboolean
compile_values (Schema      *s,
                JsonObject  *object,
                GError     **error)
{
  JsonNode *node;

  if ((node = json_object_get_member (object, "const")) != NULL)
    {
      s->const_value = json_deep_copy (node, 0);
      if (s->const_value == NULL)
        return schema_error (error, s->location, "const", "value nested too deeply");
      s->expected_text = render_value (node);
    }

  if ((node = json_object_get_member (object, "enum")) != NULL)
    {
      JsonArray *array;
      GString *text;
      guint n;

      if (!JSON_NODE_HOLDS_ARRAY (node))
        return schema_error (error, s->location, "enum", "expected an array");

      array = json_node_get_array (node);
      n = json_array_get_length (array);
      s->enum_values = g_ptr_array_new_full (n, (GDestroyNotify) json_node_unref);
      text = g_string_new (NULL);

      for (guint i = 0; i < n; i++)
        {
          JsonNode *copy = json_deep_copy (json_array_get_element (array, i), 0);

          if (copy == NULL)
            {
              g_string_free (text, TRUE);
              return schema_error (error, s->location, "enum", "value nested too deeply");
            }

          g_ptr_array_add (s->enum_values, copy);

          /* a long list is cut short in messages, never in what is allowed */
          if (i > 0 && text->len > MAX_RENDERED * 2)
            {
              if (!g_str_has_suffix (text->str, "…"))
                g_string_append (text, ", …");
            }
          else
            {
              g_autofree char *rendered = render_value (copy);

              if (i > 0)
                g_string_append (text, ", ");
              g_string_append (text, rendered);
            }
        }

      /* const wins the message if both are given; it is the stricter one */
      if (s->expected_text == NULL && n == 0)
        s->expected_text = g_strdup ("nothing (the enum is empty)");
      else if (s->expected_text == NULL)
        s->expected_text = g_strdup_printf (n == 1 ? "%s" : "one of %s", text->str);
      g_string_free (text, TRUE);
    }

  return TRUE;
}

/* An exclusive bound as a number (2019-09 on), or as draft-04 spelled it: a
 * boolean that makes the inclusive bound beside it exclusive. */
static gboolean
get_exclusive_bound (Schema      *s,
                     JsonObject  *object,
                     const char  *keyword,
                     SchemaFlags  inclusive_flag,
                     Num         *inclusive,
                     SchemaFlags  flag,
                     Num         *out,
                     GError     **error)
{
  JsonNode *node = json_object_get_member (object, keyword);

  if (!_mcp_json_node_is_boolean (node))
    return get_number (s, object, keyword, flag, out, error);

  if (json_node_get_boolean (node) && (s->flags & inclusive_flag) != 0)
    {
      *out = *inclusive;
      s->flags = (s->flags & ~inclusive_flag) | flag;
    }

  return TRUE;
}

static gboolean
compile_numbers (Schema      *s,
                 JsonObject  *object,
                 GError     **error)
{
  if (!get_number (s, object, "minimum", HAS_MINIMUM, &s->minimum, error)
      || !get_number (s, object, "maximum", HAS_MAXIMUM, &s->maximum, error)
      || !get_number (s, object, "multipleOf", HAS_MULTIPLE_OF, &s->multiple_of, error))
    return FALSE;

  if ((s->flags & HAS_MULTIPLE_OF) != 0
      && (s->multiple_of.is_int ? s->multiple_of.i <= 0 : !(s->multiple_of.d > 0)))
    return schema_error (error, s->location, "multipleOf", "expected a number greater than 0");

  return get_exclusive_bound (s, object, "exclusiveMinimum", HAS_MINIMUM, &s->minimum,
                              HAS_EXCLUSIVE_MINIMUM, &s->exclusive_minimum, error)
         && get_exclusive_bound (s, object, "exclusiveMaximum", HAS_MAXIMUM, &s->maximum,
                                 HAS_EXCLUSIVE_MAXIMUM, &s->exclusive_maximum, error);
}

static gboolean
compile_strings (Compiler    *c,
                 Schema      *s,
                 JsonObject  *object,
                 GError     **error)
{
  JsonNode *node;

  if (!get_count (s, object, "minLength", &s->min_length, error)
      || !get_count (s, object, "maxLength", &s->max_length, error))
    return FALSE;

  if ((node = json_object_get_member (object, "pattern")) != NULL)
    {
      if (!_mcp_json_node_is_string (node))
        return schema_error (error, s->location, "pattern", "expected a string");

      s->pattern = g_strdup (json_node_get_string (node));
      s->regex = compile_pattern (c, s->location, "pattern", s->pattern, error);
      if (s->regex == NULL)
        return FALSE;
    }

  return TRUE;
}

static gboolean
compile_arrays (Compiler    *c,
                Schema      *s,
                JsonObject  *object,
                guint        depth,
                GError     **error)
{
  JsonNode *items = json_object_get_member (object, "items");
  JsonNode *node;

  s->items_keyword = "items";

  if (json_object_has_member (object, "prefixItems"))
    {
      if (!get_schema_array (c, s, object, "prefixItems", depth, &s->prefix_items, error))
        return FALSE;
      if (items != NULL && !JSON_NODE_HOLDS_ARRAY (items)
          && !get_schema (c, s, object, "items", depth, &s->items, error))
        return FALSE;
    }
  else if (items != NULL && JSON_NODE_HOLDS_ARRAY (items))
    {
      /* draft-07 tuples: the array form of items, then additionalItems */
      if (!compile_schema_list (c, s, "items", json_node_get_array (items), depth,
                                &s->prefix_items, error)
          || !get_schema (c, s, object, "additionalItems", depth, &s->items, error))
        return FALSE;
      s->items_keyword = "additionalItems";
    }
  else if (!get_schema (c, s, object, "items", depth, &s->items, error))
    {
      return FALSE;
    }

  if (!get_schema (c, s, object, "contains", depth, &s->contains, error)
      || !get_count (s, object, "minContains", &s->min_contains, error)
      || !get_count (s, object, "maxContains", &s->max_contains, error)
      || !get_count (s, object, "minItems", &s->min_items, error)
      || !get_count (s, object, "maxItems", &s->max_items, error)
      || !get_schema (c, s, object, "unevaluatedItems", depth, &s->unevaluated_items, error))
    return FALSE;

  if ((node = json_object_get_member (object, "uniqueItems")) != NULL)
    {
      if (!_mcp_json_node_is_boolean (node))
        return schema_error (error, s->location, "uniqueItems", "expected a boolean");
      if (json_node_get_boolean (node))
        s->flags |= HAS_UNIQUE_ITEMS;
    }

  return TRUE;
}

static gboolean
is_discriminator (JsonNode *node)
{
  JsonObject *object;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return FALSE;

  object = json_node_get_object (node);
  return json_object_has_member (object, "const") || json_object_has_member (object, "enum");
}

/* One member of an object-valued keyword ("properties", "$defs" …). */
typedef struct
{
  const char *keyword;
  const char *name;
  JsonNode   *node;
  const char *location;
  guint       depth;    /* the depth of the member's schema */
  gpointer    data;     /* what the caller of compile_members() passed */
} Member;

typedef gboolean (*MemberFunc) (Compiler      *c,
                                Schema        *s,
                                const Member  *member,
                                GError       **error);

/* Calls @func on each member of the object @keyword holds, in order; TRUE
 * when @keyword is absent. */
static gboolean
compile_members (Compiler    *c,
                 Schema      *s,
                 JsonObject  *object,
                 const char  *keyword,
                 guint        depth,
                 MemberFunc   func,
                 gpointer     data,
                 GError     **error)
{
  JsonObject *members = _mcp_json_object_get_object (object, keyword);
  Member m = { keyword, NULL, NULL, NULL, depth + 1, data };
  JsonObjectIter iter;

  if (members == NULL && json_object_has_member (object, keyword))
    return schema_error (error, s->location, keyword, "expected an object");

  if (members == NULL)
    return TRUE;

  json_object_iter_init_ordered (&iter, members);
  while (json_object_iter_next_ordered (&iter, &m.name, &m.node))
    {
      g_autofree char *location = location_child (s->location, keyword, m.name, -1);

      m.location = location;
      if (!func (c, s, &m, error))
        return FALSE;
    }

  return TRUE;
}

/* m->data says whether this pass adds the properties that hold a const or
 * an enum, or the others. */
static gboolean
add_property (Compiler      *c,
              Schema        *s,
              const Member  *m,
              GError       **error)
{
  Property *property;

  if (is_discriminator (m->node) != GPOINTER_TO_INT (m->data))
    return TRUE;

  if (s->properties == NULL)
    {
      s->properties = g_ptr_array_new_with_free_func (property_free);
      s->property_table = g_hash_table_new (g_str_hash, g_str_equal);
    }

  property = g_new0 (Property, 1);
  property->name = g_strdup (m->name);
  g_ptr_array_add (s->properties, property);
  g_hash_table_insert (s->property_table, property->name, property);

  property->schema = compile_subschema (c, m->node, m->location, m->depth, error);
  return property->schema != NULL;
}

static gboolean
add_pattern_property (Compiler      *c,
                      Schema        *s,
                      const Member  *m,
                      GError       **error)
{
  PatternProperty *pp = g_new0 (PatternProperty, 1);

  if (s->pattern_properties == NULL)
    s->pattern_properties = g_ptr_array_new_with_free_func (pattern_property_free);

  g_ptr_array_add (s->pattern_properties, pp);
  pp->pattern = g_strdup (m->name);
  pp->regex = compile_pattern (c, s->location, m->keyword, m->name, error);
  if (pp->regex == NULL)
    return FALSE;

  pp->schema = compile_subschema (c, m->node, m->location, m->depth, error);
  return pp->schema != NULL;
}

/* draft-07 "dependencies" mixes the two forms 2019-09 split into
 * "dependentRequired" and "dependentSchemas".
 */
static gboolean
add_dependency (Compiler      *c,
                Schema        *s,
                const Member  *m,
                GError       **error)
{
  Dependency *dep = g_new0 (Dependency, 1);

  if (s->dependencies == NULL)
    s->dependencies = g_ptr_array_new_with_free_func (dependency_free);

  dep->name = g_strdup (m->name);
  g_ptr_array_add (s->dependencies, dep);

  if (JSON_NODE_HOLDS_ARRAY (m->node) && !g_str_equal (m->keyword, "dependentSchemas"))
    {
      dep->required = get_string_list (m->node);
      if (dep->required != NULL)
        return TRUE;
    }
  else if (!g_str_equal (m->keyword, "dependentRequired"))
    {
      dep->schema = compile_subschema (c, m->node, m->location, m->depth, error);
      return dep->schema != NULL;
    }

  return schema_error (error, s->location, m->keyword, "expected an array of strings for “%s”", m->name);
}

static gboolean
add_definition (Compiler      *c,
                Schema        *s,
                const Member  *m,
                GError       **error)
{
  compile_later (c, m->node, m->location);
  return TRUE;
}

static gboolean
compile_objects (Compiler    *c,
                 Schema      *s,
                 JsonObject  *object,
                 guint        depth,
                 GError     **error)
{
  JsonNode *node;

  /* Properties holding a const or enum are checked first: when an anyOf
   * picks between variants by a "type" member, the failing variants then
   * say so, rather than complaining about some other member.
   */
  if (!compile_members (c, s, object, "properties", depth, add_property, GINT_TO_POINTER (TRUE), error)
      || !compile_members (c, s, object, "properties", depth, add_property, GINT_TO_POINTER (FALSE), error)
      || !compile_members (c, s, object, "patternProperties", depth, add_pattern_property, NULL, error)
      || !get_schema (c, s, object, "additionalProperties", depth, &s->additional_properties, error)
      || !get_schema (c, s, object, "propertyNames", depth, &s->property_names, error)
      || !get_schema (c, s, object, "unevaluatedProperties", depth, &s->unevaluated_properties, error)
      || !get_count (s, object, "minProperties", &s->min_properties, error)
      || !get_count (s, object, "maxProperties", &s->max_properties, error)
      || !compile_members (c, s, object, "dependencies", depth, add_dependency, NULL, error)
      || !compile_members (c, s, object, "dependentRequired", depth, add_dependency, NULL, error)
      || !compile_members (c, s, object, "dependentSchemas", depth, add_dependency, NULL, error))
    return FALSE;

  if ((node = json_object_get_member (object, "required")) != NULL)
    {
      s->required = get_string_list (node);
      if (s->required == NULL)
        return schema_error (error, s->location, "required", "expected an array of strings");
    }

  return TRUE;
}

static gboolean
compile_into (Compiler  *c,
              Schema    *s,
              JsonNode  *node,
              guint      depth,
              GError   **error)
{
  JsonObject *object;
  JsonNode *member;

  if (_mcp_json_node_is_boolean (node))
    {
      s->kind = json_node_get_boolean (node) ? SCHEMA_TRUE : SCHEMA_FALSE;
      return TRUE;
    }

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return schema_error (error, s->location, NULL, "a schema must be an object or a boolean");

  object = json_node_get_object (node);
  s->kind = SCHEMA_OBJECT;

  /* Definitions are checked even when nothing refers to them, so that a
   * broken schema is reported when it is registered, not on some later call.
   */
  if (!compile_members (c, s, object, "$defs", depth, add_definition, NULL, error)
      || !compile_members (c, s, object, "definitions", depth, add_definition, NULL, error))
    return FALSE;

  if ((member = json_object_get_member (object, "$ref")) != NULL)
    {
      if (!_mcp_json_node_is_string (member))
        return schema_error (error, s->location, "$ref", "expected a string");

      s->ref = compile_ref (c, json_node_get_string (member), s->location, error);
      if (s->ref == NULL)
        return FALSE;

      /* before 2019-09, keywords beside $ref were ignored */
      if (c->legacy)
        return TRUE;
    }

  if ((member = json_object_get_member (object, "type")) != NULL
      && !compile_type (s, member, error))
    return FALSE;

  if (!compile_values (s, object, error)
      || !compile_numbers (s, object, error)
      || !compile_strings (c, s, object, error)
      || !compile_arrays (c, s, object, depth, error)
      || !compile_objects (c, s, object, depth, error)
      || !get_schema_array (c, s, object, "allOf", depth, &s->all_of, error)
      || !get_schema_array (c, s, object, "anyOf", depth, &s->any_of, error)
      || !get_schema_array (c, s, object, "oneOf", depth, &s->one_of, error)
      || !get_schema (c, s, object, "not", depth, &s->not_schema, error)
      || !get_schema (c, s, object, "if", depth, &s->if_schema, error)
      || !get_schema (c, s, object, "then", depth, &s->then_schema, error)
      || !get_schema (c, s, object, "else", depth, &s->else_schema, error))
    return FALSE;

  return TRUE;
}

static void
_mcp_json_schema_free (McpJsonSchema *self)
{
  g_clear_pointer (&self->schemas, g_ptr_array_unref);
  if (self->spare_path != NULL)
    g_string_free (self->spare_path, TRUE);
  g_free (self);
}

static McpJsonSchema *
compile_document (JsonNode    *document,
                  const char  *ref,
                  GError     **error)
{
  g_autoptr(McpJsonSchema) self = NULL;
  Compiler c = { 0, };
  JsonNode *member;
  gboolean ok = TRUE;
  Pending *pending;

  self = g_new0 (McpJsonSchema, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->schemas = g_ptr_array_new_with_free_func (schema_free);

  c.document = document;
  c.schemas = self->schemas;
  c.memo = g_hash_table_new (NULL, NULL);
  c.regexes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_regex_unref);
  g_queue_init (&c.pending);

  if (JSON_NODE_HOLDS_OBJECT (document))
    {
      JsonObject *object = json_node_get_object (document);

      member = json_object_get_member (object, "$schema");
      if (_mcp_json_node_is_string (member)
          && strstr (json_node_get_string (member), "draft-0") != NULL)
        c.legacy = TRUE;

      member = json_object_get_member (object, "$id");
      if (member == NULL)
        member = json_object_get_member (object, "id");
      if (_mcp_json_node_is_string (member) && json_node_get_string (member)[0] != '\0')
        {
          c.base_id = g_strdup (json_node_get_string (member));
          if (g_str_has_suffix (c.base_id, "#"))
            c.base_id[strlen (c.base_id) - 1] = '\0';
        }
    }

  if (ref == NULL)
    self->root = compile_subschema (&c, document, "#", 0, error);
  else
    self->root = compile_ref (&c, ref, "#", error);

  ok = self->root != NULL;

  while ((pending = g_queue_pop_head (&c.pending)) != NULL)
    {
      if (ok)
        ok = compile_into (&c, pending->schema, pending->node, 0, error);
      g_free (pending);
    }

  g_hash_table_unref (c.memo);
  g_hash_table_unref (c.regexes);
  g_free (c.base_id);

  if (!ok)
    return NULL;

  return g_steal_pointer (&self);
}

/**
 * _mcp_json_schema_new:
 * @schema: a JSON Schema document (draft-07 or 2020-12)
 * @error: return location for a #GError
 *
 * Compiles @schema once so that many instances can be checked against it.
 * Every part of the schema is checked, including definitions nothing refers
 * to; the compiled schema does not keep a reference to @schema.
 *
 * Returns: (transfer full): the compiled schema, or %NULL with @error set
 *   to %MCP_ERROR_INVALID_PARAMS when @schema is not a valid schema
 */
McpJsonSchema *
_mcp_json_schema_new (JsonNode  *schema,
                      GError   **error)
{
  g_return_val_if_fail (schema != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return compile_document (schema, NULL, error);
}

/**
 * _mcp_json_schema_new_for_definition:
 * @document: a JSON Schema document holding definitions
 * @definition: a JSON pointer fragment such as `#/$defs/CallToolResult`, or
 *   the bare name of an entry of `$defs` or `definitions`
 * @error: return location for a #GError
 *
 * Compiles one definition of a larger document, such as the MCP schema,
 * with `$ref`s resolved against the whole @document. Only what the
 * definition reaches is compiled.
 *
 * Returns: (transfer full): the compiled schema, or %NULL with @error set
 */
McpJsonSchema *
_mcp_json_schema_new_for_definition (JsonNode    *document,
                                     const char  *definition,
                                     GError     **error)
{
  g_autofree char *ref = NULL;

  g_return_val_if_fail (document != NULL, NULL);
  g_return_val_if_fail (definition != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (definition[0] == '#' || definition[0] == '\0')
    return compile_document (document, definition, error);

  if (JSON_NODE_HOLDS_OBJECT (document))
    {
      JsonObject *object = json_node_get_object (document);
      const char *keywords[] = { "$defs", "definitions" };

      for (guint i = 0; i < G_N_ELEMENTS (keywords); i++)
        {
          JsonNode *defs = json_object_get_member (object, keywords[i]);

          if (defs != NULL && JSON_NODE_HOLDS_OBJECT (defs)
              && json_object_has_member (json_node_get_object (defs), definition))
            {
              GString *str = g_string_new ("#");

              append_pointer_token (str, keywords[i]);
              append_pointer_token (str, definition);
              ref = g_string_free (str, FALSE);
              break;
            }
        }
    }

  if (ref == NULL)
    {
      g_set_error (error, MCP_ERROR, MCP_ERROR_INVALID_PARAMS,
                   "the schema has no definition named “%s”", definition);
      return NULL;
    }

  return compile_document (document, ref, error);
}

/**
 * _mcp_json_schema_ref:
 * @self: a #McpJsonSchema
 *
 * Takes a reference; compiled schemas are immutable and can be shared
 * between threads.
 *
 * Returns: (transfer full): @self
 */
McpJsonSchema *
_mcp_json_schema_ref (McpJsonSchema *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

/**
 * _mcp_json_schema_unref:
 * @self: (transfer full): a #McpJsonSchema
 *
 * Drops a reference; the last one frees the compiled schema.
 */
void
_mcp_json_schema_unref (McpJsonSchema *self)
{
  g_return_if_fail (self != NULL);

  if (g_atomic_ref_count_dec (&self->ref_count))
    _mcp_json_schema_free (self);
}

/* Validator */

/* Names the members and items that the keywords of one schema looked at,
 * for unevaluatedProperties and unevaluatedItems.
 */
typedef struct
{
  GHashTable *properties;
  guint8     *items;
  guint       n_items;
} Eval;

typedef struct
{
  char       *instance_path;
  guint       path_depth;
  const char *keyword;
  const char *location;
  char       *message;
  char       *context;

  /* kept so that the failures of alternatives can be merged */
  guint       expected_types;
  char       *expected_text;
  char       *got;
} Failure;

typedef struct
{
  GString *path;
  guint    depth;
  guint64  evaluations_left;
  Failure *failure;
  Failure *fatal;
} Validator;

static void
failure_free (Failure *f)
{
  if (f == NULL)
    return;

  g_free (f->instance_path);
  g_free (f->message);
  g_free (f->context);
  g_free (f->expected_text);
  g_free (f->got);
  g_free (f);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Failure, failure_free)

static guint
count_segments (const char *path)
{
  guint n = 0;

  for (; *path != '\0'; path++)
    if (*path == '/')
      n++;

  return n;
}

static Failure *
failure_new (Validator  *v,
             Schema     *s,
             const char *keyword,
             char       *message)
{
  Failure *f = g_new0 (Failure, 1);

  f->instance_path = g_strdup (v->path->str);
  f->path_depth = count_segments (f->instance_path);
  f->keyword = keyword;
  f->location = s->location;
  f->message = message;

  return f;
}

/* A failure at the same instance path as @at. */
static Failure *
failure_new_at (const Failure *at,
                const char    *keyword,
                const char    *location)
{
  Failure *f = g_new0 (Failure, 1);

  f->instance_path = g_strdup (at->instance_path);
  f->path_depth = at->path_depth;
  f->keyword = keyword;
  f->location = location;

  return f;
}

static gboolean
record (Validator *v,
        Failure   *f)
{
  if (v->failure == NULL)
    v->failure = f;
  else
    failure_free (f);

  return FALSE;
}

/* Keeps the first failure in *@slot (the validator's failure, or its fatal
 * one) and drops any later one; returns FALSE. */
static gboolean G_GNUC_PRINTF (5, 0)
fail_valist (Validator   *v,
             Failure    **slot,
             Schema      *s,
             const char  *keyword,
             const char  *format,
             va_list      args)
{
  if (*slot == NULL)
    *slot = failure_new (v, s, keyword, g_strdup_vprintf (format, args));

  return FALSE;
}

static gboolean G_GNUC_PRINTF (4, 5)
fail (Validator  *v,
      Schema     *s,
      const char *keyword,
      const char *format,
      ...)
{
  va_list args;

  va_start (args, format);
  fail_valist (v, &v->failure, s, keyword, format, args);
  va_end (args);

  return FALSE;
}

/* A fatal failure cannot be undone by "not" or by a later alternative. */
static gboolean G_GNUC_PRINTF (4, 5)
fail_fatal (Validator  *v,
            Schema     *s,
            const char *keyword,
            const char *format,
            ...)
{
  va_list args;

  va_start (args, format);
  fail_valist (v, &v->fatal, s, keyword, format, args);
  va_end (args);

  return FALSE;
}

static char *
failure_format (const Failure *f)
{
  const char *path = f->instance_path;
  const char *ellipsis = "";

  if (path[0] == '\0')
    path = "(root)";

  /* the path is made of the peer's member names: keep its useful end */
  if (strlen (path) > MAX_RENDERED * 4)
    {
      path = g_utf8_find_next_char (path + strlen (path) - MAX_RENDERED * 4, NULL);
      ellipsis = "…";
    }

  return g_strdup_printf ("%s%s: %s (%s at %s%s)",
                          ellipsis, path, f->message, f->keyword, f->location,
                          f->context != NULL ? f->context : "");
}

static gsize
path_push_name (Validator  *v,
                const char *name)
{
  gsize mark = v->path->len;

  append_pointer_token (v->path, name);
  return mark;
}

static gsize
path_push_index (Validator *v,
                 guint      index)
{
  gsize mark = v->path->len;

  g_string_append_printf (v->path, "/%u", index);
  return mark;
}

static void
path_pop (Validator *v,
          gsize      mark)
{
  g_string_truncate (v->path, mark);
}

static void
eval_mark_property (Eval       *e,
                    const char *name)
{
  if (e == NULL)
    return;

  if (e->properties == NULL)
    e->properties = g_hash_table_new (g_str_hash, g_str_equal);
  g_hash_table_add (e->properties, (gpointer) name);
}

static void
eval_mark_items (Eval  *e,
                 guint  n_items,
                 guint  from,
                 guint  to)
{
  if (e == NULL || from >= to)
    return;

  if (e->items == NULL)
    {
      e->items = g_new0 (guint8, n_items);
      e->n_items = n_items;
    }

  for (guint i = from; i < to && i < e->n_items; i++)
    e->items[i] = TRUE;
}

static void
eval_merge (Eval *into,
            Eval *from)
{
  if (into == NULL)
    return;

  if (from->properties != NULL)
    {
      GHashTableIter iter;
      gpointer key;

      g_hash_table_iter_init (&iter, from->properties);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        eval_mark_property (into, key);
    }

  for (guint i = 0; i < from->n_items; i++)
    if (from->items[i])
      eval_mark_items (into, from->n_items, i, i + 1);
}

static void
eval_clear (Eval *e)
{
  g_clear_pointer (&e->properties, g_hash_table_unref);
  g_clear_pointer (&e->items, g_free);
  e->n_items = 0;
}

static gboolean validate_schema (Validator *v,
                                 Schema    *s,
                                 JsonNode  *instance,
                                 Eval      *eval);

/* Runs a subschema whose failure is not (yet) the instance's failure. */
static gboolean
try_schema (Validator  *v,
            Schema     *s,
            JsonNode   *instance,
            Eval       *eval,
            Failure   **out_failure)
{
  Failure *saved = v->failure;
  gboolean ok;

  v->failure = NULL;
  ok = validate_schema (v, s, instance, eval);

  if (out_failure != NULL)
    *out_failure = g_steal_pointer (&v->failure);
  else
    g_clear_pointer (&v->failure, failure_free);

  v->failure = saved;
  return ok;
}

static gboolean
regex_matches (Validator  *v,
               Schema     *s,
               const char *keyword,
               GRegex     *regex,
               const char *string,
               gboolean   *matches)
{
  g_autoptr(GError) error = NULL;

  *matches = g_regex_match_full (regex, string, -1, 0, 0, NULL, &error);
  if (error != NULL)
    return fail_fatal (v, s, keyword, "cannot match “%s”: %s",
                       g_regex_get_pattern (regex), error->message);

  return TRUE;
}

static const char *
plural (guint64     n,
        const char *one,
        const char *many)
{
  return n == 1 ? one : many;
}

static gboolean
validate_number (Validator *v,
                 Schema    *s,
                 JsonNode  *instance)
{
  char value[G_ASCII_DTOSTR_BUF_SIZE];
  char limit[G_ASCII_DTOSTR_BUF_SIZE];
  Num x;

  if ((s->flags & (HAS_MINIMUM | HAS_MAXIMUM | HAS_EXCLUSIVE_MINIMUM
                   | HAS_EXCLUSIVE_MAXIMUM | HAS_MULTIPLE_OF)) == 0
      || !num_from_node (instance, &x))
    return TRUE;

  num_format (&x, value);

  if ((s->flags & HAS_MINIMUM) != 0 && num_compare (&x, &s->minimum) < 0)
    {
      num_format (&s->minimum, limit);
      return fail (v, s, "minimum", "%s is less than the minimum of %s", value, limit);
    }

  if ((s->flags & HAS_EXCLUSIVE_MINIMUM) != 0 && num_compare (&x, &s->exclusive_minimum) <= 0)
    {
      num_format (&s->exclusive_minimum, limit);
      return fail (v, s, "exclusiveMinimum", "%s is not greater than %s", value, limit);
    }

  if ((s->flags & HAS_MAXIMUM) != 0 && num_compare (&x, &s->maximum) > 0)
    {
      num_format (&s->maximum, limit);
      return fail (v, s, "maximum", "%s is greater than the maximum of %s", value, limit);
    }

  if ((s->flags & HAS_EXCLUSIVE_MAXIMUM) != 0 && num_compare (&x, &s->exclusive_maximum) >= 0)
    {
      num_format (&s->exclusive_maximum, limit);
      return fail (v, s, "exclusiveMaximum", "%s is not less than %s", value, limit);
    }

  if ((s->flags & HAS_MULTIPLE_OF) != 0 && !num_is_multiple_of (&x, &s->multiple_of))
    {
      num_format (&s->multiple_of, limit);
      return fail (v, s, "multipleOf", "%s is not a multiple of %s", value, limit);
    }

  return TRUE;
}

static gboolean
validate_string (Validator *v,
                 Schema    *s,
                 JsonNode  *instance)
{
  const char *str = json_node_get_string (instance);

  if (str == NULL)
    str = "";

  if (s->min_length >= 0 || s->max_length >= 0)
    {
      gsize length = utf8_length (str);

      if (s->min_length >= 0 && (guint64) length < (guint64) s->min_length)
        return fail (v, s, "minLength", "expected at least %" G_GINT64_FORMAT " %s, got %" G_GSIZE_FORMAT,
                     s->min_length, plural (s->min_length, "character", "characters"), length);

      if (s->max_length >= 0 && (guint64) length > (guint64) s->max_length)
        return fail (v, s, "maxLength", "expected at most %" G_GINT64_FORMAT " %s, got %" G_GSIZE_FORMAT,
                     s->max_length, plural (s->max_length, "character", "characters"), length);
    }

  if (s->regex != NULL)
    {
      gboolean matches;

      if (!regex_matches (v, s, "pattern", s->regex, str, &matches))
        return FALSE;

      if (!matches)
        return fail (v, s, "pattern", "string does not match the pattern “%s”", s->pattern);
    }

  return TRUE;
}

typedef struct
{
  guint hash;
  guint index;
} HashedItem;

static int
hashed_item_compare (gconstpointer a,
                     gconstpointer b)
{
  const HashedItem *ha = a;
  const HashedItem *hb = b;

  if (ha->hash != hb->hash)
    return ha->hash < hb->hash ? -1 : 1;
  return (ha->index > hb->index) - (ha->index < hb->index);
}

/* Sorting by hash keeps this O(n log n): the array is the peer's. */
static gboolean
validate_unique_items (Validator *v,
                       Schema    *s,
                       JsonArray *array)
{
  guint n = json_array_get_length (array);
  g_autoptr(GArray) hashed = NULL;
  gboolean too_deep = FALSE;
  guint first = G_MAXUINT;
  guint second = G_MAXUINT;

  if (n < 2)
    return TRUE;

  hashed = g_array_sized_new (FALSE, FALSE, sizeof (HashedItem), n);
  for (guint i = 0; i < n; i++)
    {
      HashedItem item = { json_hash (json_array_get_element (array, i), 0, &too_deep), i };

      g_array_append_val (hashed, item);
    }

  if (too_deep)
    return fail_fatal (v, s, "uniqueItems", "value nested deeper than %u levels", MAX_DEPTH);

  g_array_sort (hashed, hashed_item_compare);

  for (guint i = 0; i < n; i++)
    {
      const HashedItem *a = &g_array_index (hashed, HashedItem, i);

      for (guint j = i + 1; j < n; j++)
        {
          const HashedItem *b = &g_array_index (hashed, HashedItem, j);

          if (b->hash != a->hash)
            break;

          if (json_equal (json_array_get_element (array, a->index),
                          json_array_get_element (array, b->index),
                          0, &too_deep))
            {
              /* report the earliest duplicate pair, not whichever sorted first */
              if (b->index < second || (b->index == second && a->index < first))
                {
                  first = a->index;
                  second = b->index;
                }
            }
        }
    }

  if (too_deep)
    return fail_fatal (v, s, "uniqueItems", "value nested deeper than %u levels", MAX_DEPTH);

  if (second != G_MAXUINT)
    return fail (v, s, "uniqueItems", "items %u and %u are equal", first, second);

  return TRUE;
}

static gboolean
validate_array (Validator *v,
                Schema    *s,
                JsonNode  *instance,
                Eval      *eval)
{
  JsonArray *array = json_node_get_array (instance);
  guint n = json_array_get_length (array);
  guint n_prefix = 0;

  if (s->min_items >= 0 && (guint64) n < (guint64) s->min_items)
    return fail (v, s, "minItems", "expected at least %" G_GINT64_FORMAT " %s, got %u",
                 s->min_items, plural (s->min_items, "item", "items"), n);

  if (s->max_items >= 0 && (guint64) n > (guint64) s->max_items)
    return fail (v, s, "maxItems", "expected at most %" G_GINT64_FORMAT " %s, got %u",
                 s->max_items, plural (s->max_items, "item", "items"), n);

  if (s->prefix_items != NULL)
    {
      n_prefix = MIN (n, s->prefix_items->len);

      for (guint i = 0; i < n_prefix; i++)
        {
          gsize mark = path_push_index (v, i);
          gboolean ok = validate_schema (v, g_ptr_array_index (s->prefix_items, i),
                                         json_array_get_element (array, i), NULL);

          path_pop (v, mark);
          if (!ok)
            return FALSE;
        }

      eval_mark_items (eval, n, 0, n_prefix);
    }

  if (s->items != NULL && n > n_prefix)
    {
      if (s->items->kind == SCHEMA_FALSE)
        return fail (v, s, s->items_keyword, "expected at most %u %s, got %u",
                     n_prefix, plural (n_prefix, "item", "items"), n);

      for (guint i = n_prefix; i < n; i++)
        {
          gsize mark = path_push_index (v, i);
          gboolean ok = validate_schema (v, s->items, json_array_get_element (array, i), NULL);

          path_pop (v, mark);
          if (!ok)
            return FALSE;
        }

      eval_mark_items (eval, n, n_prefix, n);
    }

  if (s->contains != NULL)
    {
      guint matches = 0;

      for (guint i = 0; i < n; i++)
        {
          gsize mark = path_push_index (v, i);
          gboolean ok = try_schema (v, s->contains, json_array_get_element (array, i), NULL, NULL);

          path_pop (v, mark);
          if (v->fatal != NULL)
            return FALSE;

          if (ok)
            {
              matches++;
              eval_mark_items (eval, n, i, i + 1);
            }
        }

      if ((gint64) matches < s->min_contains)
        {
          if (s->min_contains == 1)
            return fail (v, s, "contains", "no item matches the “contains” schema");
          return fail (v, s, "minContains", "expected at least %" G_GINT64_FORMAT " %s to match the “contains” schema, got %u",
                       s->min_contains, plural (s->min_contains, "item", "items"), matches);
        }

      if (s->max_contains >= 0 && (gint64) matches > s->max_contains)
        return fail (v, s, "maxContains", "expected at most %" G_GINT64_FORMAT " %s to match the “contains” schema, got %u",
                     s->max_contains, plural (s->max_contains, "item", "items"), matches);
    }

  if ((s->flags & HAS_UNIQUE_ITEMS) != 0 && !validate_unique_items (v, s, array))
    return FALSE;

  return TRUE;
}

/* Member names come from the peer and may be of any length. */
static char *
short_name (const char *name)
{
  return truncate_text (g_strdup (name));
}

static gboolean
validate_property_name (Validator  *v,
                        Schema     *s,
                        const char *name)
{
  g_autoptr(JsonNode) node = json_node_init_string (json_node_alloc (), name);
  g_autoptr(Failure) failure = NULL;
  g_autofree char *shown = NULL;

  if (try_schema (v, s->property_names, node, NULL, &failure))
    return TRUE;

  if (v->fatal != NULL)
    return FALSE;

  shown = short_name (name);
  return fail (v, s, "propertyNames", "property name “%s” is not allowed: %s", shown,
               failure != NULL ? failure->message : "invalid");
}

static gboolean
validate_member (Validator  *v,
                 Schema     *s,
                 const char *name,
                 JsonNode   *member)
{
  gsize mark = path_push_name (v, name);
  gboolean ok = validate_schema (v, s, member, NULL);

  path_pop (v, mark);
  return ok;
}

/* A member that only @catch_all (additionalProperties or
 * unevaluatedProperties, named by @keyword) applies to. */
static gboolean
validate_other_member (Validator  *v,
                       Schema     *s,
                       const char *keyword,
                       Schema     *catch_all,
                       const char *name,
                       JsonNode   *member,
                       Eval       *eval)
{
  if (catch_all->kind == SCHEMA_FALSE)
    {
      g_autofree char *shown = short_name (name);

      return fail (v, s, keyword, "property “%s” is not allowed", shown);
    }

  if (!validate_member (v, catch_all, name, member))
    return FALSE;

  eval_mark_property (eval, name);
  return TRUE;
}

static gboolean
validate_object (Validator *v,
                 Schema    *s,
                 JsonNode  *instance,
                 Eval      *eval)
{
  JsonObject *object = json_node_get_object (instance);

  if (s->properties != NULL)
    {
      for (guint i = 0; i < s->properties->len; i++)
        {
          Property *property = g_ptr_array_index (s->properties, i);
          JsonNode *member = json_object_get_member (object, property->name);

          if (member == NULL)
            continue;

          if (!validate_member (v, property->schema, property->name, member))
            return FALSE;
          eval_mark_property (eval, property->name);
        }
    }

  if (s->required != NULL)
    {
      for (guint i = 0; s->required[i] != NULL; i++)
        if (!json_object_has_member (object, s->required[i]))
          return fail (v, s, "required", "missing required property “%s”", s->required[i]);
    }

  if (s->min_properties >= 0 && (gint64) json_object_get_size (object) < s->min_properties)
    return fail (v, s, "minProperties", "expected at least %" G_GINT64_FORMAT " %s, got %u",
                 s->min_properties, plural (s->min_properties, "property", "properties"),
                 json_object_get_size (object));

  if (s->max_properties >= 0 && (gint64) json_object_get_size (object) > s->max_properties)
    return fail (v, s, "maxProperties", "expected at most %" G_GINT64_FORMAT " %s, got %u",
                 s->max_properties, plural (s->max_properties, "property", "properties"),
                 json_object_get_size (object));

  if (s->pattern_properties != NULL || s->additional_properties != NULL || s->property_names != NULL)
    {
      JsonObjectIter iter;
      const char *name;
      JsonNode *member;

      json_object_iter_init_ordered (&iter, object);
      while (json_object_iter_next_ordered (&iter, &name, &member))
        {
          gboolean matched = FALSE;

          if (s->property_names != NULL && !validate_property_name (v, s, name))
            return FALSE;

          if (s->property_table != NULL && g_hash_table_contains (s->property_table, name))
            matched = TRUE;

          if (s->pattern_properties != NULL)
            {
              for (guint i = 0; i < s->pattern_properties->len; i++)
                {
                  PatternProperty *pp = g_ptr_array_index (s->pattern_properties, i);
                  gboolean matches;

                  if (!regex_matches (v, s, "patternProperties", pp->regex, name, &matches))
                    return FALSE;
                  if (!matches)
                    continue;

                  matched = TRUE;
                  if (!validate_member (v, pp->schema, name, member))
                    return FALSE;
                  eval_mark_property (eval, name);
                }
            }

          if (!matched && s->additional_properties != NULL
              && !validate_other_member (v, s, "additionalProperties", s->additional_properties,
                                         name, member, eval))
            return FALSE;
        }
    }

  if (s->dependencies != NULL)
    {
      for (guint i = 0; i < s->dependencies->len; i++)
        {
          Dependency *dep = g_ptr_array_index (s->dependencies, i);

          if (!json_object_has_member (object, dep->name))
            continue;

          for (guint j = 0; dep->required != NULL && dep->required[j] != NULL; j++)
            if (!json_object_has_member (object, dep->required[j]))
              return fail (v, s, "dependentRequired", "property “%s” requires property “%s”",
                           dep->name, dep->required[j]);

          if (dep->schema != NULL && !validate_schema (v, dep->schema, instance, eval))
            return FALSE;
        }
    }

  return TRUE;
}

static guint
failure_rank (const Failure *f)
{
  /* a const or enum miss usually means "the other variant", a type miss
   * often does, anything else means this variant was meant but is wrong
   */
  if (f->expected_text != NULL)
    return 0;
  if (f->expected_types != 0)
    return 1;
  return 2;
}

/* Turns the failures of every alternative of an anyOf or oneOf into one
 * failure that says what was closest, or what would have been accepted.
 */
static gboolean
fail_alternatives (Validator  *v,
                   Schema     *s,
                   const char *keyword,
                   JsonNode   *instance,
                   GPtrArray  *failures)
{
  Failure *first;
  Failure *best;
  gboolean all_types = TRUE;
  gboolean all_values = TRUE;
  Failure *f;

  if (failures->len == 0)
    return fail (v, s, keyword, "does not match any schema in %s", keyword);

  first = best = g_ptr_array_index (failures, 0);
  for (guint i = 0; i < failures->len; i++)
    {
      Failure *other = g_ptr_array_index (failures, i);

      if (other->expected_types == 0 || !g_str_equal (other->instance_path, v->path->str))
        all_types = FALSE;
      if (other->expected_text == NULL || !g_str_equal (other->instance_path, first->instance_path))
        all_values = FALSE;

      if (failure_rank (other) > failure_rank (best)
          || (failure_rank (other) == failure_rank (best) && other->path_depth > best->path_depth))
        best = other;
    }

  if (all_types)
    {
      g_autofree char *expected = NULL;
      guint types = 0;

      for (guint i = 0; i < failures->len; i++)
        types |= ((Failure *) g_ptr_array_index (failures, i))->expected_types;

      expected = types_to_string (types);
      f = failure_new (v, s, keyword,
                       g_strdup_printf ("expected %s, got %s", expected, instance_type_name (instance)));
      f->expected_types = types;
      return record (v, f);
    }

  if (all_values)
    {
      GString *expected = g_string_new (NULL);

      for (guint i = 0; i < failures->len; i++)
        {
          Failure *other = g_ptr_array_index (failures, i);
          const char *text = other->expected_text;

          if (g_str_has_prefix (text, "one of "))
            text += strlen ("one of ");
          if (i > 0)
            g_string_append (expected, ", ");
          g_string_append (expected, text);
        }

      f = failure_new_at (first, keyword, s->location);
      f->expected_text = g_strdup_printf ("one of %s", expected->str);
      f->got = g_strdup (first->got);
      f->message = g_strdup_printf ("expected %s, got %s", f->expected_text, f->got);
      g_string_free (expected, TRUE);
      return record (v, f);
    }

  /* keep the closest alternative's own words, and say where it came from */
  f = failure_new_at (best, best->keyword, best->location);
  f->message = g_strdup (best->message);
  f->context = g_strdup_printf ("%s; closest of %u alternatives in %s at %s",
                                best->context != NULL ? best->context : "",
                                failures->len, keyword, s->location);
  return record (v, f);
}

static gboolean
validate_any_of (Validator *v,
                 Schema    *s,
                 JsonNode  *instance,
                 Eval      *eval)
{
  g_autoptr(GPtrArray) failures = g_ptr_array_new_with_free_func ((GDestroyNotify) failure_free);
  gboolean any = FALSE;

  for (guint i = 0; i < s->any_of->len; i++)
    {
      Eval branch = { 0, };
      Failure *failure = NULL;
      gboolean ok;

      ok = try_schema (v, g_ptr_array_index (s->any_of, i), instance,
                       eval != NULL ? &branch : NULL, &failure);
      if (ok)
        {
          any = TRUE;
          eval_merge (eval, &branch);
        }
      else if (failure != NULL)
        g_ptr_array_add (failures, failure);

      eval_clear (&branch);

      if (v->fatal != NULL)
        return FALSE;

      /* every matching branch adds annotations, so only stop early when
       * nobody is collecting them
       */
      if (any && eval == NULL)
        return TRUE;
    }

  if (any)
    return TRUE;

  return fail_alternatives (v, s, "anyOf", instance, failures);
}

static gboolean
validate_one_of (Validator *v,
                 Schema    *s,
                 JsonNode  *instance,
                 Eval      *eval)
{
  g_autoptr(GPtrArray) failures = g_ptr_array_new_with_free_func ((GDestroyNotify) failure_free);
  Eval matched_eval = { 0, };
  gint matched = -1;

  for (guint i = 0; i < s->one_of->len; i++)
    {
      Eval branch = { 0, };
      Failure *failure = NULL;
      gboolean ok;

      ok = try_schema (v, g_ptr_array_index (s->one_of, i), instance,
                       eval != NULL ? &branch : NULL, &failure);

      if (v->fatal != NULL)
        {
          failure_free (failure);
          eval_clear (&branch);
          eval_clear (&matched_eval);
          return FALSE;
        }

      if (!ok)
        {
          if (failure != NULL)
            g_ptr_array_add (failures, failure);
          eval_clear (&branch);
          continue;
        }

      if (matched >= 0)
        {
          eval_clear (&branch);
          eval_clear (&matched_eval);
          return fail (v, s, "oneOf", "matches more than one schema in oneOf (alternatives %d and %u)",
                       matched, i);
        }

      matched = i;
      matched_eval = branch;
    }

  if (matched >= 0)
    {
      eval_merge (eval, &matched_eval);
      eval_clear (&matched_eval);
      return TRUE;
    }

  return fail_alternatives (v, s, "oneOf", instance, failures);
}

static gboolean
validate_conditional (Validator *v,
                      Schema    *s,
                      JsonNode  *instance,
                      Eval      *eval)
{
  Eval branch = { 0, };
  gboolean ok;

  ok = try_schema (v, s->if_schema, instance, eval != NULL ? &branch : NULL, NULL);
  if (ok)
    eval_merge (eval, &branch);
  eval_clear (&branch);

  if (v->fatal != NULL)
    return FALSE;

  if (ok && s->then_schema != NULL)
    return validate_schema (v, s->then_schema, instance, eval);

  if (!ok && s->else_schema != NULL)
    return validate_schema (v, s->else_schema, instance, eval);

  return TRUE;
}

static gboolean
validate_unevaluated (Validator *v,
                      Schema    *s,
                      JsonNode  *instance,
                      Eval      *e)
{
  if (s->unevaluated_properties != NULL && JSON_NODE_HOLDS_OBJECT (instance))
    {
      JsonObjectIter iter;
      const char *name;
      JsonNode *member;

      json_object_iter_init_ordered (&iter, json_node_get_object (instance));
      while (json_object_iter_next_ordered (&iter, &name, &member))
        {
          if (e->properties != NULL && g_hash_table_contains (e->properties, name))
            continue;

          if (!validate_other_member (v, s, "unevaluatedProperties", s->unevaluated_properties,
                                      name, member, e))
            return FALSE;
        }
    }

  if (s->unevaluated_items != NULL && JSON_NODE_HOLDS_ARRAY (instance))
    {
      JsonArray *array = json_node_get_array (instance);
      guint n = json_array_get_length (array);

      for (guint i = 0; i < n; i++)
        {
          gsize mark;
          gboolean ok;

          if (e->items != NULL && e->items[i])
            continue;

          if (s->unevaluated_items->kind == SCHEMA_FALSE)
            return fail (v, s, "unevaluatedItems", "item %u is not allowed", i);

          mark = path_push_index (v, i);
          ok = validate_schema (v, s->unevaluated_items, json_array_get_element (array, i), NULL);
          path_pop (v, mark);
          if (!ok)
            return FALSE;
        }

      eval_mark_items (e, n, 0, n);
    }

  return TRUE;
}

static gboolean
validate_keywords (Validator *v,
                   Schema    *s,
                   JsonNode  *instance,
                   Eval      *eval)
{
  guint type = instance_type (instance);

  if (s->types != 0 && !type_matches (s->types, type))
    {
      g_autofree char *expected = types_to_string (s->types);
      Failure *f = failure_new (v, s, "type",
                                g_strdup_printf ("expected %s, got %s", expected,
                                                 instance_type_name (instance)));

      f->expected_types = s->types;
      return record (v, f);
    }

  if (s->const_value != NULL || s->enum_values != NULL)
    {
      const char *keyword = NULL;
      const char *expected = NULL;
      gboolean too_deep = FALSE;
      g_autofree char *enum_text = NULL;

      if (s->const_value != NULL && !json_equal (instance, s->const_value, 0, &too_deep))
        {
          keyword = "const";
          expected = s->expected_text;
        }
      else if (s->enum_values != NULL)
        {
          gboolean found = FALSE;

          for (guint i = 0; i < s->enum_values->len && !found; i++)
            found = json_equal (instance, g_ptr_array_index (s->enum_values, i), 0, &too_deep);

          if (!found)
            {
              keyword = "enum";
              /* expected_text describes const when both are given */
              if (s->const_value == NULL)
                expected = s->expected_text;
              else
                expected = enum_text = g_strdup ("a value of the enum");
            }
        }

      if (too_deep)
        return fail_fatal (v, s, keyword != NULL ? keyword : "enum",
                           "value nested deeper than %u levels", MAX_DEPTH);

      if (keyword != NULL)
        {
          Failure *f = failure_new (v, s, keyword, NULL);

          f->expected_text = g_strdup (expected);
          f->got = render_value (instance);
          f->message = g_strdup_printf ("expected %s, got %s", f->expected_text, f->got);
          return record (v, f);
        }
    }

  switch (type)
    {
    case TYPE_INTEGER:
    case TYPE_NUMBER:
      if (!validate_number (v, s, instance))
        return FALSE;
      break;

    case TYPE_STRING:
      if (!validate_string (v, s, instance))
        return FALSE;
      break;

    case TYPE_ARRAY:
      if (!validate_array (v, s, instance, eval))
        return FALSE;
      break;

    case TYPE_OBJECT:
      if (!validate_object (v, s, instance, eval))
        return FALSE;
      break;

    default:
      break;
    }

  if (s->ref != NULL && !validate_schema (v, s->ref, instance, eval))
    return FALSE;

  if (s->all_of != NULL)
    {
      for (guint i = 0; i < s->all_of->len; i++)
        if (!validate_schema (v, g_ptr_array_index (s->all_of, i), instance, eval))
          return FALSE;
    }

  if (s->any_of != NULL && !validate_any_of (v, s, instance, eval))
    return FALSE;

  if (s->one_of != NULL && !validate_one_of (v, s, instance, eval))
    return FALSE;

  if (s->not_schema != NULL)
    {
      gboolean ok = try_schema (v, s->not_schema, instance, NULL, NULL);

      if (v->fatal != NULL)
        return FALSE;
      if (ok)
        return fail (v, s, "not", "must not match the “not” schema");
    }

  if (s->if_schema != NULL && !validate_conditional (v, s, instance, eval))
    return FALSE;

  return TRUE;
}

static gboolean
validate_schema (Validator *v,
                 Schema    *s,
                 JsonNode  *instance,
                 Eval      *eval)
{
  Eval local = { 0, };
  Eval *e = eval;
  gboolean ok;

  if (v->fatal != NULL)
    return FALSE;

  if (s->kind == SCHEMA_TRUE)
    return TRUE;

  if (s->kind == SCHEMA_FALSE)
    return fail (v, s, "false", "no value is allowed here");

  if (v->depth >= MAX_DEPTH)
    return fail_fatal (v, s, "maximum depth",
                       "validation nested deeper than %u levels (a $ref cycle, or a value nested too deeply)",
                       MAX_DEPTH);

  if (v->evaluations_left == 0)
    return fail_fatal (v, s, "maximum evaluations",
                       "the schema is too costly to evaluate against this value");
  v->evaluations_left--;

  if (s->unevaluated_properties != NULL || s->unevaluated_items != NULL)
    e = &local;

  v->depth++;
  ok = validate_keywords (v, s, instance, e);
  if (ok && e == &local)
    {
      ok = validate_unevaluated (v, s, instance, &local);
      if (ok)
        eval_merge (eval, &local);
    }
  v->depth--;

  eval_clear (&local);
  return ok;
}

/* Values in @node, counted no deeper than validation goes. */
static guint64
count_nodes (JsonNode *node,
             guint     depth)
{
  guint64 n = 1;

  if (depth >= MAX_DEPTH)
    return n;

  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        n += count_nodes (json_array_get_element (array, i), depth + 1);
    }
  else if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObjectIter iter;
      JsonNode *member;

      json_object_iter_init (&iter, json_node_get_object (node));
      while (json_object_iter_next (&iter, NULL, &member))
        n += count_nodes (member, depth + 1);
    }

  return n;
}

/**
 * _mcp_json_schema_validate_with_budget:
 * @self: a #McpJsonSchema
 * @instance: the JSON value to check
 * @budget: the subschema evaluations the check may spend, on top of 16 per
 *   value in @instance
 * @out_of_budget: (out) (optional): whether the check gave up because it
 *   spent them all, rather than because @instance is invalid
 * @error: return location for a #GError
 *
 * Checks @instance against the schema. On failure @error is
 * %MCP_ERROR_INVALID_PARAMS and its message names where in @instance the
 * problem is, as a JSON pointer, and which schema keyword refused it, e.g.
 * `/count: expected integer, got string (type at #/properties/count)`.
 *
 * Returns: %TRUE if @instance is valid
 */
gboolean
_mcp_json_schema_validate_with_budget (McpJsonSchema  *self,
                                       JsonNode       *instance,
                                       guint           budget,
                                       gboolean       *out_of_budget,
                                       GError        **error)
{
  Validator v = { 0, };
  gboolean ok;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (instance != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* Validations may run at once in several threads: each takes the spare
   * buffer or makes one. */
  v.path = g_atomic_pointer_exchange (&self->spare_path, NULL);
  if (v.path == NULL)
    v.path = g_string_sized_new (64);
  v.evaluations_left = budget + MAX_EVALUATIONS_PER_NODE * count_nodes (instance, 0);
  ok = validate_schema (&v, self->root, instance, NULL);
  if (out_of_budget != NULL)
    *out_of_budget = v.fatal != NULL && g_str_equal (v.fatal->keyword, "maximum evaluations");

  if (v.fatal != NULL || !ok)
    {
      Failure *f = v.fatal != NULL ? v.fatal : v.failure;

      ok = FALSE;
      if (f != NULL)
        {
          g_autofree char *message = failure_format (f);

          /* a JsonNode built in code, not parsed, may hold invalid UTF-8 */
          if (!g_utf8_validate (message, -1, NULL))
            {
              char *valid = g_utf8_make_valid (message, -1);

              g_free (message);
              message = valid;
            }

          g_set_error_literal (error, MCP_ERROR, MCP_ERROR_INVALID_PARAMS, message);
        }
      else
        {
          g_set_error_literal (error, MCP_ERROR, MCP_ERROR_INVALID_PARAMS,
                               "value does not match the schema");
        }
    }

  failure_free (v.failure);
  failure_free (v.fatal);
  g_string_truncate (v.path, 0);
  if (v.path->allocated_len > 1024 ||
      !g_atomic_pointer_compare_and_exchange (&self->spare_path, NULL, v.path))
    g_string_free (v.path, TRUE);

  return ok;
}

/**
 * _mcp_json_schema_validate_object:
 * @self: a #McpJsonSchema
 * @instance: the JSON object to check, such as a tool call's arguments
 * @error: return location for a #GError
 *
 * Like _mcp_json_schema_validate(), for callers that hold a #JsonObject.
 *
 * Returns: %TRUE if @instance is valid
 */
gboolean
_mcp_json_schema_validate_object (McpJsonSchema  *self,
                                  JsonObject     *instance,
                                  GError        **error)
{
  g_autoptr(JsonNode) node = NULL;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (instance != NULL, FALSE);

  node = json_node_init_object (json_node_alloc (), instance);
  return _mcp_json_schema_validate (self, node, error);
}

/**
 * _mcp_json_schema_validate:
 * @self: a #McpJsonSchema
 * @instance: the JSON value to check
 * @error: return location for a #GError
 *
 * _mcp_json_schema_validate_with_budget() with
 * %_MCP_JSON_SCHEMA_DEFAULT_BUDGET.
 *
 * Returns: %TRUE if @instance is valid
 */
gboolean
_mcp_json_schema_validate (McpJsonSchema  *self,
                           JsonNode       *instance,
                           GError        **error)
{
  return _mcp_json_schema_validate_with_budget (self, instance, _MCP_JSON_SCHEMA_DEFAULT_BUDGET,
                                                NULL, error);
}
