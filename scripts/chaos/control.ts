/**
 * Ctrl-C for the suite: the first signal interrupts the running engine (k6 stops gracefully,
 * still writing its summary) and no further scenario starts; each later one is forwarded too
 * (k6's hard stop). Reports are then written and the stack stopped.
 */
export class RunControl {
  interrupted = false;
  private current: (() => void) | undefined;

  /** Records the interruption and forwards it to the running engine, if any. */
  interrupt(): void {
    this.interrupted = true;
    this.current?.();
  }

  /** Routes interrupts to `forward` until the returned function detaches it. */
  attach(forward: () => void): () => void {
    this.current = forward;
    return () => {
      if (this.current === forward) this.current = undefined;
    };
  }
}
