import { describe, expect, it } from 'vitest';
import { serialTask } from './serial-task';

describe('serialTask', () => {
  it('never overlaps runs and folds a burst of calls into one more run', async () => {
    let running = 0;
    let maxRunning = 0;
    let runs = 0;
    const task = serialTask(async () => {
      running++;
      maxRunning = Math.max(maxRunning, running);
      await new Promise((resolve) => setTimeout(resolve, 5));
      runs++;
      running--;
    });
    await Promise.all([task.run(), task.run(), task.run(), task.run()]);
    expect(maxRunning).toBe(1);
    expect(runs).toBe(2);
    await task.run();
    expect(runs).toBe(3);
  });

  it('recovers after a failing run', async () => {
    let fail = true;
    const task = serialTask(async () => {
      if (fail) throw new Error('boom');
    });
    await expect(task.run()).rejects.toThrow('boom');
    fail = false;
    await expect(task.run()).resolves.toBeUndefined();
  });

  it('lets a caller wait for the run in progress without asking for another', async () => {
    let runs = 0;
    const task = serialTask(async () => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      runs++;
    });
    const first = task.run();
    await Promise.all([task.settled(), task.settled()]);
    await first;
    expect(runs).toBe(1);
    // With nothing in progress, it runs.
    await task.settled();
    expect(runs).toBe(2);
  });
});
