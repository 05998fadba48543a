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
 * Counts per bucket key, in a typed array that covers the keys seen so far and grows (doubling)
 * to take a new one: adding is an index increment, no Map lookup, and memory is bounded by the
 * range of values (a key per 0.2 %: 1 ms to 60 s spans about 5,500 keys, 22 KB).
 */
class DenseCounts {
  private counts = new Uint32Array(0);
  private lo = 0;
  total = 0;

  add(key: number): void {
    let i = key - this.lo;
    if (i < 0 || i >= this.counts.length) i = this.cover(key);
    this.counts[i]!++;
    this.total++;
  }

  private cover(key: number): number {
    const n = this.counts.length;
    if (n === 0) {
      this.counts = new Uint32Array(64);
      this.lo = key - 32;
      return 32;
    }
    const lo = Math.min(this.lo, key), hi = Math.max(this.lo + n - 1, key);
    const size = Math.max(2 * n, hi - lo + 1);
    // Grow towards the new key: downwards keeps the old counts at the top.
    const newLo = key < this.lo ? hi - size + 1 : lo;
    const grown = new Uint32Array(size);
    grown.set(this.counts, this.lo - newLo);
    this.counts = grown;
    this.lo = newLo;
    return key - newLo;
  }

  /** Buckets in use. */
  get used(): number {
    let n = 0;
    for (const c of this.counts) if (c > 0) n++;
    return n;
  }

  /** The key holding 0-based `rank` counting from the lowest key (or from the highest when `descending`), or undefined past the total. */
  keyAt(rank: number, descending: boolean): number | undefined {
    const counts = this.counts;
    let seen = 0;
    for (let j = 0; j < counts.length; j++) {
      const i = descending ? counts.length - 1 - j : j;
      seen += counts[i]!;
      if (rank < seen) return this.lo + i;
    }
    return undefined;
  }
}

/**
 * A log-bucketed histogram for any finite float (negative, zero, positive). Memory is bounded
 * by the value range, not the sample count: about 10k buckets span 1 µs to 1000 s.
 * hdr-histogram-js was not used because it records only non-negative integers.
 */
export class LogHistogram {
  private readonly positive = new DenseCounts();
  private readonly negative = new DenseCounts();
  private zeros = 0;

  /** Records one value. */
  add(value: number): void {
    if (value === 0) {
      this.zeros++;
      return;
    }
    const key = Math.ceil(Math.log(Math.abs(value)) / LOG_GAMMA);
    (value > 0 ? this.positive : this.negative).add(key);
  }

  /** Number of buckets in use (what memory grows with). */
  get bucketCount(): number {
    return this.positive.used + this.negative.used;
  }

  /** The approximate value at 0-based `rank` in ascending order; clamps out-of-range ranks. */
  valueAt(rank: number): number {
    if (rank < 0) rank = 0;
    const neg = this.negative.total;
    if (rank < neg) return -bucketValue(this.negative.keyAt(rank, true)!);
    if (rank < neg + this.zeros) return 0;
    const pos = this.positive.keyAt(rank - neg - this.zeros, false);
    if (pos !== undefined) return bucketValue(pos);
    // Past the end: the largest value there is.
    if (this.positive.total > 0) return bucketValue(this.positive.keyAt(this.positive.total - 1, false)!);
    if (this.zeros > 0) return 0;
    return neg > 0 ? -bucketValue(this.negative.keyAt(neg - 1, true)!) : 0;
  }
}
