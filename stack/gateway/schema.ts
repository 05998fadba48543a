import { Ajv, type ErrorObject } from "ajv";

/** Largest `max_tokens` accepted. */
export const MAX_TOKENS_CAP = 32768;

const tokens = { type: "integer", minimum: 1, maximum: MAX_TOKENS_CAP, description: `an integer from 1 to ${MAX_TOKENS_CAP}` };

// Each property's `description` is the "accepted" half of the 400 message, so the schema and
// the error text cannot drift apart. Unknown fields are allowed, as OpenAI-compatible APIs do.
const chatRequestSchema = {
  type: "object",
  description: "a JSON object",
  required: ["model", "messages"],
  properties: {
    model: { type: "string", minLength: 1, maxLength: 256, description: "a non-empty string (a model id, see GET /v1/models)" },
    messages: {
      type: "array",
      minItems: 1,
      maxItems: 1024,
      description: "a non-empty array of at most 1024 messages",
      items: {
        type: "object",
        description: 'an object {"role", "content"}',
        required: ["role", "content"],
        properties: {
          role: { enum: ["system", "user", "assistant", "tool"], description: "one of system, user, assistant, tool" },
          content: { type: ["string", "array", "null"], description: "a string or an array of content parts" },
          name: { type: "string", description: "a string" },
        },
      },
    },
    max_tokens: tokens,
    max_completion_tokens: tokens,
    temperature: { type: "number", minimum: 0, maximum: 2, description: "a number from 0 to 2" },
    top_p: { type: "number", minimum: 0, maximum: 1, description: "a number from 0 to 1" },
    n: { type: "integer", minimum: 1, maximum: 1, description: "1 (only one choice is supported)" },
    stream: { type: "boolean", description: "true or false" },
    stream_options: {
      type: "object",
      description: 'an object such as {"include_usage": true}',
      properties: { include_usage: { type: "boolean", description: "true or false" } },
    },
    stop: {
      type: ["string", "array", "null"],
      maxItems: 4,
      items: { type: "string", description: "a string" },
      description: "a string or an array of at most 4 strings",
    },
    user: { type: "string", description: "a string" },
  },
} as const;

/** A chat completion request that passed the schema (the fields the gateway reads). */
export interface ChatRequest {
  model: string;
  messages: Array<{ role: string; content: unknown }>;
  stream?: boolean;
  [field: string]: unknown;
}

/** Why a request was rejected: the field (`messages[0].role`) and a sentence saying what is accepted. */
export interface SchemaProblem {
  param: string;
  message: string;
}

const ajv = new Ajv({ verbose: true, allErrors: false, strict: false });
const validate = ajv.compile(chatRequestSchema);

/** Checks a parsed body against the chat schema; returns the first problem or null. */
export function checkChatRequest(body: unknown): SchemaProblem | null {
  if (validate(body)) return null;
  const err = validate.errors?.[0];
  return err ? describe(err) : { param: "body", message: "invalid request body" };
}

function describe(err: ErrorObject): SchemaProblem {
  if (err.keyword === "required") {
    const missing = String((err.params as { missingProperty: string }).missingProperty);
    const param = joinPath(toParam(err.instancePath), missing);
    const props = (err.parentSchema as { properties?: Record<string, { description?: string }> } | undefined)?.properties;
    return { param, message: `missing required field "${param}": expected ${props?.[missing]?.description ?? "a value"}` };
  }
  const param = toParam(err.instancePath) || "body";
  const accepted = (err.parentSchema as { description?: string } | undefined)?.description ?? err.message ?? "a valid value";
  return { param, message: `invalid "${param}": got ${preview(err.data)}; expected ${accepted}` };
}

// "/messages/0/role" → "messages[0].role"
function toParam(pointer: string): string {
  return pointer
    .split("/")
    .slice(1)
    .map((seg) => seg.replace(/~1/g, "/").replace(/~0/g, "~"))
    .reduce((acc, seg) => (/^\d+$/.test(seg) ? `${acc}[${seg}]` : joinPath(acc, seg)), "");
}

function joinPath(base: string, key: string): string {
  return base ? `${base}.${key}` : key;
}

function preview(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}
