import { check } from "k6";
import http from "k6/http";

// A body that breaks keeps the bytes that came: k6's readResponseBody (lib/netext/httpext/
// compression.go) returns them with the read error and MakeRequest (request.go) leaves the
// status 0; the error and error_code are errorCodeForError's (error_codes.go). Go's body
// reader reports a close mid-body as io.ErrUnexpectedEOF, a reset as the read's ECONNRESET,
// and the request timeout as 1050. responseType "none" keeps nothing.
const HALF = 'data: {"choices":[{"delta":{"content":"half"}}]}\n\n';

export const options = {
  iterations: 1,
  thresholds: {
    checks: ["rate==1"],
    "http_reqs{status:0}": ["count==4"],
    "http_reqs{error_code:1000}": ["count==2"],
    "http_reqs{error_code:1220}": ["count==1"],
    "http_reqs{error_code:1050}": ["count==1"],
  },
};

export default async function () {
  const end = await http.asyncRequest("GET", `${__ENV.BASE}/partial/end`);
  check(end, {
    "end: status 0, 1000 unexpected EOF": (r) => r.status === 0 && r.error_code === 1000 && r.error === "unexpected EOF",
    "end: the body is the half that came": (r) => r.body === HALF,
  });
  const reset = await http.asyncRequest("GET", `${__ENV.BASE}/partial/reset`);
  check(reset, {
    "reset: status 0, 1220 read: connection reset by peer": (r) => r.status === 0 && r.error_code === 1220 && r.error === "read: connection reset by peer",
    "reset: the body is the half that came": (r) => r.body === HALF,
  });
  const hang = await http.asyncRequest("GET", `${__ENV.BASE}/partial/hang`, null, { timeout: "1s" });
  check(hang, {
    "timeout mid-body: status 0, 1050 request timeout": (r) => r.status === 0 && r.error_code === 1050 && r.error === "request timeout",
    "timeout mid-body: the body is the half that came": (r) => r.body === HALF,
  });
  const none = await http.asyncRequest("GET", `${__ENV.BASE}/partial/end`, null, { responseType: "none" });
  check(none, { "responseType none: no body": (r) => r.status === 0 && r.error_code === 1000 && r.body === null });
}
