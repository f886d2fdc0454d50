import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import { bringToFront, claimSingleInstance, type FocusableWindow } from './single-instance';

function fakeApp(lockGranted: boolean) {
  const emitter = new EventEmitter();
  return {
    requestSingleInstanceLock: vi.fn(() => lockGranted),
    quit: vi.fn(),
    on: (event: 'second-instance', listener: () => void) => emitter.on(event, listener),
    emit: (event: string) => emitter.emit(event),
  };
}

function fakeWindow(minimized: boolean): FocusableWindow & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    isDestroyed: () => false,
    isMinimized: () => minimized,
    restore: () => calls.push('restore'),
    show: () => calls.push('show'),
    focus: () => calls.push('focus'),
  };
}

describe('claimSingleInstance', () => {
  it('quits when another instance holds the lock', () => {
    const app = fakeApp(false);
    const onSecond = vi.fn();
    expect(claimSingleInstance(app, onSecond)).toBe(false);
    expect(app.quit).toHaveBeenCalledOnce();
    app.emit('second-instance');
    expect(onSecond).not.toHaveBeenCalled();
  });

  it('keeps running with the lock and reacts to a second launch', () => {
    const app = fakeApp(true);
    const onSecond = vi.fn();
    expect(claimSingleInstance(app, onSecond)).toBe(true);
    expect(app.quit).not.toHaveBeenCalled();
    app.emit('second-instance');
    expect(onSecond).toHaveBeenCalledOnce();
  });
});

describe('bringToFront', () => {
  it('restores a minimised window before focusing it', () => {
    const window = fakeWindow(true);
    bringToFront(window);
    expect(window.calls).toEqual(['restore', 'show', 'focus']);
  });

  it('ignores a missing window', () => {
    expect(() => bringToFront(undefined)).not.toThrow();
  });
});
