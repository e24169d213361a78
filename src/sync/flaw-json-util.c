/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "flaw-json-util"

#include "config.h"

#include "flaw-json-util.h"

/* Typed member getters for JSON from servers: a member that is missing or
 * of another type reads as absent (%NULL or %FALSE), never as an error, so
 * that the codecs decide what a missing member means. */

/**
 * flaw_json_get_string:
 * @object: (nullable): the object
 * @member: the member name
 *
 * Returns: (nullable): the member's string, or %NULL if absent or not a string
 */
const char *
flaw_json_get_string (JsonObject *object,
                      const char *member)
{
  JsonNode *node;

  if (object == NULL || !(node = json_object_get_member (object, member)))
    return NULL;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (node);
}

/**
 * flaw_json_get_boolean:
 * @object: (nullable): the object
 * @member: the member name
 *
 * Returns: the member's value; %FALSE if absent or not a boolean
 */
gboolean
flaw_json_get_boolean (JsonObject *object,
                       const char *member)
{
  JsonNode *node;

  if (object == NULL || !(node = json_object_get_member (object, member)))
    return FALSE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    return FALSE;

  return json_node_get_boolean (node);
}

/**
 * flaw_json_get_object:
 * @object: (nullable): the object
 * @member: the member name
 *
 * Returns: (nullable): the member's object, or %NULL if absent or not an object
 */
JsonObject *
flaw_json_get_object (JsonObject *object,
                      const char *member)
{
  JsonNode *node;

  if (object == NULL || !(node = json_object_get_member (object, member)))
    return NULL;

  return JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

/**
 * flaw_json_get_array:
 * @object: (nullable): the object
 * @member: the member name
 *
 * Returns: (nullable): the member's array, or %NULL if absent or not an array
 */
JsonArray *
flaw_json_get_array (JsonObject *object,
                     const char *member)
{
  JsonNode *node;

  if (object == NULL || !(node = json_object_get_member (object, member)))
    return NULL;

  return JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

/**
 * flaw_json_array_get_string:
 * @array: the array
 * @index: the element's index
 *
 * Returns: (nullable): the element's string, or %NULL if not a string
 */
const char *
flaw_json_array_get_string (JsonArray *array,
                            guint      index)
{
  JsonNode *node = json_array_get_element (array, index);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (node);
}

/**
 * flaw_json_array_get_object:
 * @array: the array
 * @index: the element's index
 *
 * Returns: (nullable): the element's object, or %NULL if not an object
 */
JsonObject *
flaw_json_array_get_object (JsonArray *array,
                            guint      index)
{
  JsonNode *node = json_array_get_element (array, index);

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}
