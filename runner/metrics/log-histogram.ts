/**
 * Relative error of a value read back from the histogram: 0.1%, i.e. three significant
 * digits (a 200.0 ms sample reads back within ±0.2 ms).
 */
export const RELATIVE_ERROR = 0.001;

const GAMMA = (1 + RELATIVE_ERROR) / (1 - RELATIVE_ERROR);
const LOG_GAMMA = Math.log(GAMMA);

/** The point of bucket (γ^(k−1), γ^k] within RELATIVE_ERROR of every value in it. */
const bucketValue = (key: number): number => (2 * GAMMA ** key) / (GAMMA + 1);

/**
 * A log-bucketed histogram for any finite float (negative, zero, positive). Memory is bounded
 * by the value range, not the sample count: about 10k buckets span 1 µs to 1000 s.
 * hdr-histogram-js was not used because it records only non-negative integers.
 */
export class LogHistogram {
  private readonly positive = new Map<number, number>();
  private readonly negative = new Map<number, number>();
  private zeros = 0;
  /** Bucket keys in ascending value order; rebuilt only when a new bucket appears. */
  private order: { map: Map<number, number>; key: number; value: number }[] | undefined;

  /** Records one value. */
  add(value: number): void {
    if (value === 0) {
      this.zeros++;
      return;
    }
    const buckets = value > 0 ? this.positive : this.negative;
    const key = Math.ceil(Math.log(Math.abs(value)) / LOG_GAMMA);
    const seen = buckets.get(key);
    if (seen === undefined) this.order = undefined;
    buckets.set(key, (seen ?? 0) + 1);
  }

  /** Number of buckets in use (what memory grows with). */
  get bucketCount(): number {
    return this.positive.size + this.negative.size;
  }

  /** The approximate value at 0-based `rank` in ascending order; clamps out-of-range ranks. */
  valueAt(rank: number): number {
    this.order ??= this.buildOrder();
    let seen = 0;
    let negativeDone = false;
    for (const bucket of this.order) {
      if (!negativeDone && bucket.map === this.positive) {
        negativeDone = true;
        seen += this.zeros;
        if (rank < seen) return 0;
      }
      seen += bucket.map.get(bucket.key) ?? 0;
      if (rank < seen) return bucket.value;
    }
    if (!negativeDone && rank < seen + this.zeros) return 0;
    return this.order.at(-1)?.value ?? 0;
  }

  private buildOrder(): { map: Map<number, number>; key: number; value: number }[] {
    const neg = [...this.negative.keys()].sort((a, b) => b - a);
    const pos = [...this.positive.keys()].sort((a, b) => a - b);
    return [
      ...neg.map((key) => ({ map: this.negative, key, value: -bucketValue(key) })),
      ...pos.map((key) => ({ map: this.positive, key, value: bucketValue(key) })),
    ];
  }
}
