/** Exit code of a bad command line: like most CLIs (and unlike k6's 255), 2. */
export const USAGE_EXIT = 2;

/** A command-line or catalogue mistake found before anything starts; ends the run with exit 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}
