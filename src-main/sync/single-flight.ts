/**
 * One pass at a time, none lost: `run()` starts the pass, or, while one runs, asks for one more
 * after it (however many times it is asked meanwhile) and returns the running one. Used by the
 * journal push and the order registrations, whose passes must not overlap.
 */
export class SingleFlight {
  private current: Promise<void> | null = null;
  private again = false;

  constructor(private readonly pass: () => Promise<void>) {}

  run(): Promise<void> {
    if (this.current) {
      this.again = true;
      return this.current;
    }
    this.current = this.pass().finally(() => {
      this.current = null;
      if (this.again) {
        this.again = false;
        void this.run();
      }
    });
    return this.current;
  }

  /** The pass running now, if any. */
  running(): Promise<void> | null {
    return this.current;
  }
}
