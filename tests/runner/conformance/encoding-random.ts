import { check, randomSeed } from "k6";
import encoding from "k6/encoding";
import { Counter } from "k6/metrics";

const reachedEnd = new Counter("reached_end");

export const options = { iterations: 1, thresholds: { checks: ["rate==1"], reached_end: ["count==1"] } };

export default async function () {
  randomSeed(42);
  const first = [Math.random(), Math.random()];
  randomSeed(42);
  const again = [Math.random(), Math.random()];
  check(null, {
    "randomSeed makes Math.random repeatable": () => first[0] === again[0] && first[1] === again[1] && first[0] !== first[1],
    "b64encode std": () => encoding.b64encode("hello?") === "aGVsbG8/",
    "b64encode rawurl": () => encoding.b64encode("hello?", "rawurl") === "aGVsbG8_",
    "b64decode to string": () => encoding.b64decode("aGVsbG8/", "std", "s") === "hello?",
  });
  reachedEnd.add(1);
}
