import { check } from "k6";
import { Counter } from "k6/metrics";

// open() reads relative to the script, in init only.
const prompt = open("./data/prompt.txt");
const bytes = open("./data/prompt.txt", "b") as ArrayBuffer;
const reachedEnd = new Counter("reached_end");

export const options = { iterations: 1, thresholds: { checks: ["rate==1"], reached_end: ["count==1"] } };

export default async function () {
  let later = "not refused";
  try {
    open("./data/prompt.txt");
  } catch (err) {
    later = String(err);
  }
  check(null, {
    "open() reads text relative to the script": () => prompt.startsWith("Say hello"),
    "open(path, 'b') reads an ArrayBuffer": () => bytes.byteLength === prompt.length,
    "open() is refused outside init": () => later.includes("init"),
  });
  reachedEnd.add(1);
}
