import type { VU } from "../../vu/vu.ts";
import { asCallback, expectedStatuses } from "./expected.ts";
import { asyncRequest } from "./request.ts";

const BLOCKING = ["get", "head", "post", "put", "patch", "del", "options", "request", "batch"] as const;

function refuse(vu: VU, name: string): () => never {
  const form = name === "batch"
    ? "`await Promise.all([http.asyncRequest(...), ...])`"
    : name === "request"
      ? "`await http.asyncRequest(method, url, body, params)`"
      : `\`await http.asyncRequest("${name === "del" ? "DELETE" : name.toUpperCase()}", url, body, params)\``;
  return () => vu.runtime.unsupported(`http.${name}() blocks the VU and is not supported by the Node runner; use ${form} instead`);
}

/** k6/http APIs the runner has no implementation of, and what to do instead. */
const MISSING: Record<string, string> = {
  cookieJar: "http.cookieJar() is not supported by the Node runner (no cookie jars); set the Cookie header in params.headers",
  CookieJar: "http.CookieJar is not supported by the Node runner (no cookie jars); set the Cookie header in params.headers",
  file: "http.file() is not supported by the Node runner (no multipart bodies); send the body as a string or ArrayBuffer",
};

/** The `k6/http` module for one VU (asyncRequest; blocking calls refused). */
export function httpModule(vu: VU): Record<string, unknown> {
  const api: Record<string, unknown> = {
    asyncRequest: (method: string, url: unknown, body?: unknown, params?: Parameters<typeof asyncRequest>[4]) => asyncRequest(vu, method, url, body, params),
    expectedStatuses,
    setResponseCallback: (cb: unknown) => { vu.responseCallback = asCallback(cb, "setResponseCallback"); },
    url: (strings: TemplateStringsArray, ...values: unknown[]) => {
      const name = strings.reduce((acc, s, i) => acc + s + (i < values.length ? "${}" : ""), "");
      const url = strings.reduce((acc, s, i) => acc + s + (i < values.length ? String(values[i]) : ""), "");
      return { url, name, toString: () => url };
    },
  };
  for (const name of BLOCKING) api[name] = refuse(vu, name);
  for (const [name, message] of Object.entries(MISSING)) api[name] = () => vu.runtime.unsupported(message);
  return api;
}
