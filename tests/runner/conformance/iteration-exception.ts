import { fail } from "k6";

export const options = { iterations: 3, thresholds: { iterations: ["count==3"] } };

export default async function () {
  fail("this iteration fails, the run goes on");
}
