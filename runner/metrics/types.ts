/** k6's four metric kinds (`metrics.MetricType`), spelled as k6 serialises them. */
export type MetricType = "counter" | "gauge" | "rate" | "trend";

/** What a metric's values mean (`contains`): `time` is milliseconds, `data` is bytes. */
export type ValueType = "time" | "data" | "default";

/** A sample's tag set. Values are always strings, as in k6. */
export type Tags = Record<string, string>;

/** One metric sample as the registry forwards it to listeners (outputs). */
export interface Sample {
  metric: string;
  type: MetricType;
  value: number;
  tags: Tags;
  /** Unix epoch in milliseconds (fractions allowed). */
  time: number;
}

/** Declaration of a metric or submetric. */
export interface MetricInfo {
  /** Full name; for a submetric `parent{suffix}`. */
  name: string;
  type: MetricType;
  contains: ValueType;
  /** Parent metric name, set only for submetrics. */
  parent?: string;
}

/** A submetric as k6's JSON output lists it under its parent (`name`, `suffix`, `tags`). */
export interface SubmetricInfo {
  name: string;
  suffix: string;
  tags: Tags;
}

/** The aggregation state of one metric: fed samples, asked for k6's aggregate keys. */
export interface Sink {
  add(value: number): void;
  isEmpty(): boolean;
}

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
