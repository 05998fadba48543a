// The chat completion request as OpenAI's API reference documents it
// (platform.openai.com/docs/api-reference/chat/create), and OpenAI's 400 for each way a request
// breaks it: `param` names the field (`messages[0].role`), `code` is OpenAI's validation code
// (`missing_required_parameter`, `invalid_type`, `invalid_value`, `empty_array`,
// `integer_below_min_value`, `decimal_above_max_value`, ...). One schema for the gateway and the
// fake providers (stack/provider), so both refuse the same requests with the same body.
import { Ajv, type ErrorObject } from "ajv";

/** Largest `max_tokens` accepted (ours: OpenAI's bound depends on the model). */
export const MAX_TOKENS_CAP = 32768;

const tokens = { type: ["integer", "null"], minimum: 1, maximum: MAX_TOKENS_CAP, description: `an integer from 1 to ${MAX_TOKENS_CAP}` };
const part = { type: "object", required: ["type"], properties: { type: { type: "string", description: 'a part type such as "text"' } }, description: 'a content part such as {"type": "text", "text": "hi"}' };
const content = { type: ["string", "array"], items: part, description: "one of a string or an array of content parts" };
const name = { type: "string", description: "a string" };
// Per role, the message fields the reference marks required. An assistant message may carry
// tool_calls instead of content; a tool message answers one tool call.
const message = (role: string, fields: Record<string, unknown>, required: string[]) => ({ properties: { role: { const: role }, name, ...fields }, required });
const MESSAGES = [
  message("system", { content }, ["content"]),
  message("assistant", { content: { ...content, type: ["string", "array", "null"], description: "one of a string, an array of content parts or null" } }, []),
  message("user", { content }, ["content"]),
  message("function", { content: { type: ["string", "null"], description: "a string or null" } }, ["content", "name"]),
  message("tool", { content, tool_call_id: { type: "string", description: "the id of the tool call this message answers" } }, ["content", "tool_call_id"]),
  message("developer", { content }, ["content"]),
];
/** The roles a message may have, in the order OpenAI lists them. */
export const ROLES = MESSAGES.map((m) => m.properties.role.const);

// Each field's `description` is the "expected" half of the 400 message, so the schema and the
// error text cannot drift apart. Unknown fields are allowed: a gateway forwards what it does not read.
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
        description: 'an object such as {"role": "user", "content": "hi"}',
        required: ["role"],
        properties: { role: { description: `one of ${quoted(ROLES)}` } },
        discriminator: { propertyName: "role" },
        oneOf: MESSAGES,
      },
    },
    max_tokens: tokens,
    max_completion_tokens: tokens,
    temperature: { type: ["number", "null"], minimum: 0, maximum: 2, description: "a number from 0 to 2" },
    top_p: { type: ["number", "null"], minimum: 0, maximum: 1, description: "a number from 0 to 1" },
    n: { type: ["integer", "null"], minimum: 1, maximum: 1, description: "1 (one choice per request)" },
    stream: { type: ["boolean", "null"], description: "a boolean (true or false)" },
    stream_options: {
      type: ["object", "null"],
      description: 'an object such as {"include_usage": true}',
      properties: { include_usage: { type: "boolean", description: "a boolean (true or false)" } },
    },
    stop: { type: ["string", "array", "null"], maxItems: 4, items: { type: "string", description: "a string" }, description: "a string or an array of at most 4 strings" },
    tools: {
      type: "array",
      description: 'an array of tools such as {"type": "function", "function": {"name": "f"}}',
      items: { type: "object", required: ["type"], properties: { type: { type: "string", description: 'a tool type such as "function"' } }, description: "a tool object" },
    },
    user: { type: "string", description: "a string" },
  },
} as const;

/** A chat completion request that passed the schema (the fields the gateway and the providers read). */
export interface ChatRequest {
  model: string;
  messages: Array<{ role: string; content?: unknown }>;
  stream?: boolean | null;
  [field: string]: unknown;
}

/** What is wrong with a request, as OpenAI's 400 says it: the field (null: the body itself), OpenAI's code, and a sentence that says what is accepted. */
export interface ChatProblem {
  param: string | null;
  code: string | null;
  message: string;
}

const ajv = new Ajv({ verbose: true, allErrors: false, strict: false, discriminator: true });
const validate = ajv.compile(chatRequestSchema);

/** Parses and checks a request body: the request, or the first problem. */
export function parseChatRequest(text: string): { request: ChatRequest } | { problem: ChatProblem } {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (err) {
    // OpenAI: "We could not parse the JSON body of your request", param and code null.
    return { problem: { param: null, code: null, message: `The request body is not valid JSON (${(err as Error).message}); send a JSON object with "model" and "messages".` } };
  }
  const problem = checkChatRequest(body);
  return problem ? { problem } : { request: body as ChatRequest };
}

/** Checks a parsed body against the schema; returns the first problem or null. */
export function checkChatRequest(body: unknown): ChatProblem | null {
  if (validate(body)) return null;
  const err = validate.errors?.[0];
  return err ? describe(err) : { param: null, code: null, message: "The request body is invalid." };
}

function describe(err: ErrorObject): ChatProblem {
  const parent = err.parentSchema as { type?: string | string[]; description?: string; properties?: Record<string, { description?: string }> } | undefined;
  const at = toParam(err.instancePath);
  const expected = parent?.description ?? "a valid value";
  const limit = (err.params as { limit?: number }).limit;
  const numeric = [parent?.type].flat().includes("integer") ? "integer" : "decimal";
  switch (err.keyword) {
    case "required": {
      const missing = String((err.params as { missingProperty: string }).missingProperty);
      const param = joinPath(at, missing);
      return { param, code: "missing_required_parameter", message: `Missing required parameter: '${param}'. Expected ${parent?.properties?.[missing]?.description ?? "a value"}.` };
    }
    case "discriminator": {
      const { error, tagValue } = err.params as { error: string; tagValue: unknown };
      const param = joinPath(at, "role");
      if (error === "mapping") return { param, code: "invalid_value", message: `Invalid value: ${preview(tagValue)}. Supported values are: ${quoted(ROLES)}.` };
      return { param, code: "invalid_type", message: `Invalid type for '${param}': expected one of ${quoted(ROLES)}, but got ${kindOf(tagValue)} instead.` };
    }
    case "type":
      // The body itself: OpenAI cannot read it as a request (param and code null).
      if (at === "") return { param: null, code: null, message: `The request body must be a JSON object with "model" and "messages", but got ${kindOf(err.data)} instead.` };
      return { param: at, code: "invalid_type", message: `Invalid type for '${at}': expected ${expected}, but got ${kindOf(err.data)} instead.` };
    case "minimum":
      return { param: at, code: `${numeric}_below_min_value`, message: `Invalid '${at}': ${numeric} below minimum value. Expected a value >= ${limit}, but got ${preview(err.data)} instead (${expected}).` };
    case "maximum":
      return { param: at, code: `${numeric}_above_max_value`, message: `Invalid '${at}': ${numeric} above maximum value. Expected a value <= ${limit}, but got ${preview(err.data)} instead (${expected}).` };
    case "minItems": // only `messages` has one: at least 1
      return { param: at, code: "empty_array", message: `Invalid '${at}': empty array. Expected ${expected}.` };
    case "maxItems":
      return { param: at, code: "array_above_max_length", message: `Invalid '${at}': array too long. Expected ${expected}, but got ${(err.data as unknown[]).length} items.` };
    case "minLength":
      return { param: at, code: "string_below_min_length", message: `Invalid '${at}': string too short. Expected ${expected}, but got ${preview(err.data)}.` };
    case "maxLength":
      return { param: at, code: "string_above_max_length", message: `Invalid '${at}': string too long. Expected ${expected} of at most ${limit} characters.` };
    default:
      return { param: at || null, code: "invalid_value", message: `Invalid value for '${at}': got ${preview(err.data)}; expected ${expected}.` };
  }
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

// OpenAI's names for JSON types in "but got ... instead".
function kindOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "number") return Number.isInteger(value) ? "an integer" : "a decimal number";
  if (typeof value === "string") return "a string";
  if (typeof value === "boolean") return "a boolean";
  return "an object";
}

// 'a', 'b', and 'c'
function quoted(values: readonly string[]): string {
  const q = values.map((v) => `'${v}'`);
  return q.length < 2 ? q.join("") : `${q.slice(0, -1).join(", ")}, and ${q.at(-1)}`;
}

function preview(value: unknown): string {
  const text = typeof value === "string" ? `'${value}'` : (JSON.stringify(value) ?? String(value));
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}
