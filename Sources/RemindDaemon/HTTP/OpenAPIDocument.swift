/// The API's OpenAPI 3.1 description, served at `/api/v1/openapi.json`.
enum OpenAPIDocument {
    static let json = #"""
    {
      "openapi": "3.1.0",
      "info": {
        "title": "remindd",
        "version": "1",
        "description": "Action items from meetings: list them, mark them done, snooze them, record events. GET needs the read or the write token, POST the write token (Authorization: Bearer …). Errors are RFC 9457 problem documents."
      },
      "servers": [{"url": "/"}],
      "security": [{"bearer": []}],
      "paths": {
        "/api/v1/items": {
          "get": {
            "summary": "Items with their state, deadline and next reminder",
            "parameters": [
              {"name": "state", "in": "query", "schema": {"$ref": "#/components/schemas/State"}},
              {"name": "owner", "in": "query", "schema": {"type": "string"}},
              {"name": "meeting", "in": "query", "schema": {"type": "string"}, "description": "a meeting series name"}
            ],
            "responses": {
              "200": {"description": "the items", "content": {"application/json": {"schema": {"type": "array", "items": {"$ref": "#/components/schemas/Item"}}}}},
              "400": {"$ref": "#/components/responses/Problem"},
              "401": {"$ref": "#/components/responses/Problem"}
            }
          }
        },
        "/api/v1/items/{id}": {
          "get": {
            "summary": "One item and its history",
            "parameters": [{"$ref": "#/components/parameters/ItemID"}],
            "responses": {
              "200": {"description": "the item", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ItemWithHistory"}}}},
              "401": {"$ref": "#/components/responses/Problem"},
              "404": {"$ref": "#/components/responses/Problem"}
            }
          }
        },
        "/api/v1/items/{id}/done": {"post": {"summary": "Mark the item done", "parameters": [{"$ref": "#/components/parameters/ItemID"}], "responses": {
              "200": {"description": "the item", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Item"}}}},
              "401": {"$ref": "#/components/responses/Problem"},
              "403": {"$ref": "#/components/responses/Problem"},
              "404": {"$ref": "#/components/responses/Problem"},
              "413": {"$ref": "#/components/responses/Problem"}
            }}},
        "/api/v1/items/{id}/reopen": {"post": {"summary": "Open the item again", "parameters": [{"$ref": "#/components/parameters/ItemID"}], "responses": {
              "200": {"description": "the item", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Item"}}}},
              "401": {"$ref": "#/components/responses/Problem"},
              "403": {"$ref": "#/components/responses/Problem"},
              "404": {"$ref": "#/components/responses/Problem"},
              "413": {"$ref": "#/components/responses/Problem"}
            }}},
        "/api/v1/items/{id}/snooze": {
          "post": {
            "summary": "Hold the item's reminders back until a moment or for a span",
            "parameters": [{"$ref": "#/components/parameters/ItemID"}],
            "requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Snooze"}}}},
            "responses": {
              "200": {"description": "the item", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Item"}}}},
              "400": {"$ref": "#/components/responses/Problem"},
              "401": {"$ref": "#/components/responses/Problem"},
              "403": {"$ref": "#/components/responses/Problem"},
              "404": {"$ref": "#/components/responses/Problem"},
              "413": {"$ref": "#/components/responses/Problem"}
            }
          }
        },
        "/api/v1/events/{name}": {
          "post": {
            "summary": "Record the day an awaited event occurred",
            "parameters": [{"name": "name", "in": "path", "required": true, "schema": {"type": "string"}}],
            "requestBody": {"required": true, "content": {"application/json": {"schema": {"type": "object", "required": ["occurred"], "additionalProperties": false, "properties": {"occurred": {"type": "string", "format": "date"}}}}}},
            "responses": {
              "200": {"description": "recorded", "content": {"application/json": {"schema": {"type": "object", "required": ["event", "occurred"], "properties": {"event": {"type": "string"}, "occurred": {"type": "string", "format": "date"}}}}}},
              "400": {"$ref": "#/components/responses/Problem"},
              "401": {"$ref": "#/components/responses/Problem"},
              "403": {"$ref": "#/components/responses/Problem"},
              "404": {"$ref": "#/components/responses/Problem"},
              "413": {"$ref": "#/components/responses/Problem"}
            }
          }
        },
        "/api/v1/agenda": {
          "get": {
            "summary": "What will be sent when: what remindd agenda --json prints",
            "parameters": [
              {"name": "from", "in": "query", "schema": {"type": "string", "minLength": 1}, "description": "ISO 8601, YYYY-MM-DD or YYYY-MM-DD HH:MM; default now; anything else is 400"},
              {"name": "days", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 366}}
            ],
            "responses": {
              "200": {"description": "the agenda", "content": {"application/json": {"schema": {"type": "array", "items": {"type": "object", "required": ["at", "kind", "item", "to", "channels"]}}}}},
              "400": {"$ref": "#/components/responses/Problem"},
              "401": {"$ref": "#/components/responses/Problem"}
            }
          }
        },
        "/api/v1/history": {
          "get": {
            "summary": "Deliveries and actions: what remindd history --json prints",
            "parameters": [{"name": "item", "in": "query", "schema": {"type": "string"}}],
            "responses": {
              "200": {"description": "the history", "content": {"application/json": {"schema": {"type": "array", "items": {"type": "object", "required": ["type", "item"]}}}}},
              "401": {"$ref": "#/components/responses/Problem"}
            }
          }
        },
        "/api/v1/openapi.json": {"get": {"summary": "This document", "security": [], "responses": {"200": {"description": "OpenAPI 3.1"}}}},
        "/healthz": {"get": {"summary": "Liveness", "security": [], "responses": {"200": {"description": "ok"}}}},
        "/readyz": {"get": {"summary": "Config loaded, state writable, timers armed", "security": [], "responses": {"200": {"description": "ready"}, "503": {"description": "not ready"}}}}
      },
      "components": {
        "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
        "parameters": {"ItemID": {"name": "id", "in": "path", "required": true, "schema": {"type": "string"}}},
        "responses": {
          "Problem": {"description": "RFC 9457 problem document", "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}}
        },
        "schemas": {
          "State": {"type": "string", "enum": ["open", "waiting", "overdue", "snoozed", "done"]},
          "Item": {
            "type": "object",
            "required": ["id", "title", "owner", "with", "meeting", "state", "deadline", "next_reminder"],
            "properties": {
              "id": {"type": "string"},
              "title": {"type": "string"},
              "owner": {"type": "string"},
              "with": {"type": "array", "items": {"type": "string"}},
              "meeting": {"type": ["string", "null"]},
              "state": {"$ref": "#/components/schemas/State"},
              "deadline": {"type": ["string", "null"], "format": "date-time"},
              "next_reminder": {"type": ["string", "null"], "format": "date-time"},
              "snoozed_until": {"type": ["string", "null"], "format": "date-time"},
              "done_at": {"type": ["string", "null"], "format": "date-time"}
            }
          },
          "ItemWithHistory": {
            "allOf": [{"$ref": "#/components/schemas/Item"}, {"type": "object", "required": ["history"], "properties": {"history": {"type": "array", "items": {"type": "object"}}}}]
          },
          "Snooze": {
            "oneOf": [
              {"type": "object", "required": ["until"], "additionalProperties": false, "properties": {"until": {"type": "string", "format": "date-time"}}},
              {"type": "object", "required": ["for"], "additionalProperties": false, "properties": {"for": {"type": "string", "pattern": "^[1-9][0-9]{0,2}(h|d|wd|w|mo)$", "examples": ["2d", "1w", "3wd"]}}}
            ]
          },
          "Problem": {
            "type": "object",
            "required": ["type", "title", "status", "detail"],
            "properties": {"type": {"type": "string"}, "title": {"type": "string"}, "status": {"type": "integer"}, "detail": {"type": "string"}}
          }
        }
      }
    }
    """#
}
