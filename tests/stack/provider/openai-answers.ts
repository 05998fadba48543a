// What OpenAI answers to each malformed chat request the suite sends (lib/ai-service/invalid-requests.ts),
// taken from the Chat Completions reference, platform.openai.com/docs/api-reference/chat/create:
// the status and `type` (400, "invalid_request_error") follow from a request that breaks the
// documented request body, `param` names the documented field it breaks (null when the body itself
// cannot be read as the JSON object of parameters), and `code` is OpenAI's validation code for that
// kind of break (`missing_required_parameter`, `invalid_type`, `invalid_value`, `empty_array`,
// `integer_below_min_value`, `decimal_above_max_value`; null for an unreadable body, whose answer
// is "We could not parse the JSON body of your request"). Shared by the provider's and the
// gateway's tests: both answer these alike.

/** OpenAI's answer to one malformed request. */
export interface OpenAiAnswer {
  status: number;
  type: string;
  param: string | null;
  code: string | null;
  /** What the reference documents that the request breaks. */
  documented: string;
}

const refused = (param: string | null, code: string | null, documented: string): OpenAiAnswer => ({ status: 400, type: "invalid_request_error", param, code, documented });
const UNREADABLE = "the request body is a JSON object of parameters (Content-Type: application/json)";

/** By case name (lib/ai-service/invalid-requests.ts). */
export const OPENAI_ANSWERS: Readonly<Record<string, OpenAiAnswer>> = {
  "not-json": refused(null, null, UNREADABLE),
  "truncated-json": refused(null, null, UNREADABLE),
  "empty-body": refused(null, null, UNREADABLE),
  "json-null": refused(null, null, UNREADABLE),
  "json-array": refused(null, null, UNREADABLE),
  "missing-model": refused("model", "missing_required_parameter", "model: string, Required"),
  "missing-messages": refused("messages", "missing_required_parameter", "messages: array, Required"),
  "messages-not-array": refused("messages", "invalid_type", "messages: array"),
  "empty-messages": refused("messages", "empty_array", "messages: a list of the messages comprising the conversation so far (at least one)"),
  "message-not-object": refused("messages[0]", "invalid_type", "each message is an object (developer, system, user, assistant, tool or function message)"),
  "unknown-role": refused("messages[0].role", "invalid_value", "role: one of developer, system, user, assistant, tool, function"),
  "missing-content": refused("messages[0].content", "missing_required_parameter", "user message content: string or array, Required"),
  "content-number": refused("messages[0].content", "invalid_type", "user message content: string or array"),
  "max-tokens-negative": refused("max_tokens", "integer_below_min_value", "max_tokens: integer or null, a number of tokens (at least 1)"),
  "max-tokens-string": refused("max_tokens", "invalid_type", "max_tokens: integer or null"),
  "temperature-out-of-range": refused("temperature", "decimal_above_max_value", "temperature: number or null, between 0 and 2"),
  "stream-not-boolean": refused("stream", "invalid_type", "stream: boolean or null"),
  // OpenAI does not read a body of another type: it then finds no model ("you must provide a model parameter").
  "wrong-content-type": refused(null, null, UNREADABLE),
};
