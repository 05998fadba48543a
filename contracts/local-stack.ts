// The local reference stack's defaults, which the stack listens on and the scenarios assume
// without being told: the ports, and the in-flight bound the saturation scenarios ramp past.
// One home, so `npm run stack`, `npm run chaos`, the tests and the k8s manifests cannot drift.
// Pure: no Node or k6 imports.

/** The ports of one local stack. 0 means "any free port". */
export interface StackPorts {
  aiService: number;
  faults: number;
  providerA: number;
  providerB: number;
  /** The controller's link in front of provider-a (what the gateway calls). */
  linkA: number;
  /** The controller's link in front of provider-b. */
  linkB: number;
}

/** The documented ports (stack/README.md). */
export const DEFAULT_PORTS: Readonly<StackPorts> = { aiService: 8080, faults: 7070, providerA: 9001, providerB: 9002, linkA: 9101, linkB: 9102 };

/** Where the scenarios look for the service and the fault controller unless BASE_URL / FAULTS_URL say otherwise. */
export const DEFAULT_BASE_URL = `http://127.0.0.1:${DEFAULT_PORTS.aiService}`;
export const DEFAULT_FAULTS_URL = `http://127.0.0.1:${DEFAULT_PORTS.faults}`;

/** ai-service worker processes (the "pods") of the local stack and of deploy/k8s. */
export const GATEWAY_PODS = 2;

/**
 * Requests one gateway pod holds in flight before it sheds with 429. Above what the smoke
 * profile's 120 requests/s hold while a fault makes each wait out a 2 s attempt timeout (~260 in
 * flight, all pods), so a masked fault is never shed; small enough that the saturation scenarios'
 * surge (2× the bound, 640 streams, lib/surge.ts) fits two cores and the 400 VUs of smoke.
 */
export const MAX_INFLIGHT_PER_POD = 160;

/** What the whole service holds in flight: the scenarios' CAPACITY_INFLIGHT default. */
export const LOCAL_STACK_CAPACITY = GATEWAY_PODS * MAX_INFLIGHT_PER_POD;
