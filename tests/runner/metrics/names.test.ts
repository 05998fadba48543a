import assert from "node:assert/strict";
import { test } from "node:test";
import { assertMetricName, parseMetricName, submetricTags, tagsKey } from "../../../runner/metrics/names.ts";

test("metric names follow k6's rule: letter or underscore first, 2 to 129 word characters", () => {
  for (const ok of ["ai_ttft", "_x", "A1", `a${"b".repeat(128)}`]) assert.doesNotThrow(() => assertMetricName(ok), ok);
  for (const bad of ["a", "1abc", "ai-ttft", "ai ttft", "", `a${"b".repeat(129)}`, "é_x"]) {
    assert.throws(() => assertMetricName(bad), /^Error: Invalid metric name: '.*'\. Metric names must only include/, bad);
  }
});

test("parseMetricName splits the filter from the first { to a final }", () => {
  assert.deepEqual(parseMetricName("http_reqs"), { metric: "http_reqs", pairs: [] });
  assert.deepEqual(parseMetricName("http_req_duration{ phase:during , url:http://x:80/a }"), {
    metric: "http_req_duration",
    pairs: ["phase:during", "url:http://x:80/a"],
  });
  assert.deepEqual(parseMetricName("group_duration{group:::a::b}").pairs, ["group:::a::b"]);
});

test("parseMetricName rejects malformed filters with k6's messages", () => {
  const cases: [string, RegExp][] = [
    ["m{a:b", /unmatched opening\/close curly brace/],
    ["m}a:b{", /closing curly brace appears before opening one/],
    ["m{a:b}x", /lacks a closing curly brace in its last position/],
    ["m{a}", /metric "a" tag expression is malformed/],
    ["m{a:}", /tag expression is malformed/],
    ["m{}", /tag expression is malformed/],
    ["m{a:1,}", /tag expression is malformed/],
  ];
  for (const [text, message] of cases) assert.throws(() => parseMetricName(text), message, text);
});

test("submetric tags split each pair at its first colon and trim spaces and quotes", () => {
  assert.deepEqual(submetricTags("group:::setup"), { group: "::setup" });
  assert.deepEqual(submetricTags("url:http://127.0.0.1:8080/v1, 'phase' : \"during\" "), {
    url: "http://127.0.0.1:8080/v1",
    phase: "during",
  });
  assert.deepEqual(submetricTags("a:1,a:2"), { a: "2" });
});

test("tag filters in any order have one identity", () => {
  assert.equal(tagsKey({ a: "1", b: "2" }), tagsKey({ b: "2", a: "1" }));
  assert.notEqual(tagsKey({ a: "1" }), tagsKey({ a: "2" }));
});
