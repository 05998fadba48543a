import { setTimeout } from "k6/timers";
import { Counter } from "k6/metrics";

const fired = new Counter("timer_fired");

export const options = { iterations: 2, thresholds: { iteration_duration: ["min>=140"], timer_fired: ["count==2"] } };

// The iteration does not await its timer: k6 still waits for it before the iteration ends.
// (140: timers may fire a few ms early against the iteration's own clock; without the wait it is ~0.)
export default function () {
  setTimeout(() => fired.add(1), 150);
}
