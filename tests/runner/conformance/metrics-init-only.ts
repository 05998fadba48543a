import { check } from "k6";
import { Counter, Trend } from "k6/metrics";

const declaredInInit = new Trend("ai_ttft", true);
let addInInit = "not refused";
try {
  declaredInInit.add(1);
} catch (err) {
  addInInit = String(err);
}

export const options = { iterations: 1, thresholds: { checks: ["rate==1"], ai_ttft: ["max==5", "min==5"] } };

export default async function () {
  let declareLater = "not refused";
  try {
    new Counter("ai_late");
  } catch (err) {
    declareLater = String(err);
  }
  check(declareLater, { "metric constructors only in init": (m) => m.includes("init context") });
  check(addInInit, { "add() refused in init": (m) => m.includes("init context") });
  declaredInInit.add(5, { phase: "before" });
}
