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
