// The fault backend this bundle uses. Unbundled (tsc, `k6 run scenarios/x.ts`) it is the local
// controller; scripts/build.ts redirects this module to backend-k8s.ts for build/k8s/.
export { backend } from "./backend-local.ts";
