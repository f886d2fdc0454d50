// Runs an async job one at a time and coalesces calls made while it runs into one more
// run: a burst of change events costs at most two fetches, and results never arrive
// out of order.
export interface SerialTask {
  run(): Promise<void>;
  /** The run in progress, else a new one: for a caller that needs a result, not a newer one. */
  settled(): Promise<void>;
}

export function serialTask(job: () => Promise<void>): SerialTask {
  let running: Promise<void> | null = null;
  let again = false;

  async function loop(): Promise<void> {
    try {
      do {
        again = false;
        await job();
      } while (again);
    } finally {
      running = null;
    }
  }

  return {
    run() {
      if (running) {
        again = true;
        return running;
      }
      running = loop();
      return running;
    },
    settled() {
      return running ?? this.run();
    },
  };
}
