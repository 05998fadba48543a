import type { MetricType, ValueType } from "./types.ts";

/** One built-in metric's declaration. */
export interface BuiltinMetric {
  name: string;
  type: MetricType;
  valueType: ValueType;
}

/** Declarations of one type for several names (trends of time, counters of bytes, ...). */
const of = (type: MetricType, valueType: ValueType, ...names: string[]): BuiltinMetric[] => names.map((name) => ({ name, type, valueType }));

/**
 * Every metric k6 registers before the script runs (metrics/builtin.go), with its type and
 * `contains`, in k6's order. ws_* and grpc_* are listed too: k6 accepts thresholds on them even
 * though this runner never emits them, and a threshold's validity must not differ between engines.
 */
export const BUILTIN_METRICS: ReadonlyArray<BuiltinMetric> = [
  ...of("gauge", "default", "vus", "vus_max"),
  ...of("counter", "default", "iterations"),
  ...of("trend", "time", "iteration_duration"),
  ...of("counter", "default", "dropped_iterations"),
  ...of("rate", "default", "checks"),
  ...of("trend", "time", "group_duration"),
  ...of("counter", "default", "http_reqs"),
  ...of("rate", "default", "http_req_failed"),
  ...of("trend", "time", "http_req_duration", "http_req_blocked", "http_req_connecting", "http_req_tls_handshaking", "http_req_sending", "http_req_waiting", "http_req_receiving"),
  ...of("counter", "default", "ws_sessions", "ws_msgs_sent", "ws_msgs_received"),
  ...of("trend", "time", "ws_ping", "ws_session_duration", "ws_connecting", "grpc_req_duration"),
  ...of("counter", "data", "data_sent", "data_received"),
];
