/* mcp-test-schema.h
 *
 * Copyright 2026 The mcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

#include "mcp-json-schema-private.h"

G_BEGIN_DECLS

/*
 * Checks messages against the official MCP schemas in
 * $MCP_TEST_SPEC_DIR/<version>/schema.json (by default
 * MCP_TEST_SRCDIR/../../shared/spec). Documents and compiled definitions
 * are loaded once and kept for the life of the test program.
 */

gboolean       mcp_test_schema_available        (const char  *version);
JsonNode      *mcp_test_schema_get_document     (const char  *version,
                                                 GError     **error);
McpJsonSchema *mcp_test_schema_get              (const char  *version,
                                                 const char  *definition,
                                                 GError     **error);
gboolean       mcp_test_schema_validate         (const char  *version,
                                                 const char  *definition,
                                                 JsonNode    *instance,
                                                 GError     **error);
gboolean       mcp_test_schema_validate_json    (const char  *version,
                                                 const char  *definition,
                                                 const char  *json,
                                                 GError     **error);
void           mcp_test_schema_assert_full      (const char  *file,
                                                 int          line,
                                                 const char  *func,
                                                 const char  *version,
                                                 const char  *definition,
                                                 JsonNode    *instance,
                                                 const char  *json,
                                                 gboolean     expect_valid);
void           mcp_test_schema_clear_cache      (void);

/* Fails the test with the validator's message; skips it when the schema
 * files are not there (a tarball build has no ../shared/spec).
 */
#define mcp_test_assert_valid(version, definition, node) \
  mcp_test_schema_assert_full (__FILE__, __LINE__, G_STRFUNC, (version), (definition), (node), NULL, TRUE)
#define mcp_test_assert_invalid(version, definition, node) \
  mcp_test_schema_assert_full (__FILE__, __LINE__, G_STRFUNC, (version), (definition), (node), NULL, FALSE)
#define mcp_test_assert_valid_json(version, definition, json) \
  mcp_test_schema_assert_full (__FILE__, __LINE__, G_STRFUNC, (version), (definition), NULL, (json), TRUE)
#define mcp_test_assert_invalid_json(version, definition, json) \
  mcp_test_schema_assert_full (__FILE__, __LINE__, G_STRFUNC, (version), (definition), NULL, (json), FALSE)

G_END_DECLS
