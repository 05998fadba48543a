/** An invalid `options.thresholds` entry, found before the run starts: k6 exits 104 (InvalidConfig). */
export class ThresholdConfigError extends Error {
  /** k6's exit code for invalid configuration. */
  readonly exitCode = 104;
  constructor(message: string) {
    super(message);
    this.name = "ThresholdConfigError";
  }
}
