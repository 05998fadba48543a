import type { MetricType, ValueType } from "./types.ts";

const m = (name: string, type: MetricType, valueType: ValueType = "default") => ({ name, type, valueType });

/**
 * Every metric k6 registers before the script runs (metrics/builtin.go), with its type and
 * `contains`. ws_* and grpc_* are listed too: k6 accepts thresholds on them even though this
 * runner never emits them, and a threshold's validity must not differ between engines.
 */
export const BUILTIN_METRICS: ReadonlyArray<{ name: string; type: MetricType; valueType: ValueType }> = [
  m("vus", "gauge"),
  m("vus_max", "gauge"),
  m("iterations", "counter"),
  m("iteration_duration", "trend", "time"),
  m("dropped_iterations", "counter"),
  m("checks", "rate"),
  m("group_duration", "trend", "time"),
  m("http_reqs", "counter"),
  m("http_req_failed", "rate"),
  m("http_req_duration", "trend", "time"),
  m("http_req_blocked", "trend", "time"),
  m("http_req_connecting", "trend", "time"),
  m("http_req_tls_handshaking", "trend", "time"),
  m("http_req_sending", "trend", "time"),
  m("http_req_waiting", "trend", "time"),
  m("http_req_receiving", "trend", "time"),
  m("ws_sessions", "counter"),
  m("ws_msgs_sent", "counter"),
  m("ws_msgs_received", "counter"),
  m("ws_ping", "trend", "time"),
  m("ws_session_duration", "trend", "time"),
  m("ws_connecting", "trend", "time"),
  m("grpc_req_duration", "trend", "time"),
  m("data_sent", "counter", "data"),
  m("data_received", "counter", "data"),
];
