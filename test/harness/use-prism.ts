// A spec file's Prism mock, with its vitest hooks: started once for the file (then
// `ready` builds what the tests need from it, e.g. the connector), stopped after it, and
// every test must end with no request the vendor's spec refuses.
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { startPrism, type PrismMock, type PrismOptions } from './prism';

export function usePrism(
  specName: string,
  options: PrismOptions,
  ready: (prism: PrismMock) => void,
): void {
  let prism: PrismMock | undefined;
  beforeAll(async () => {
    prism = await startPrism(specName, options);
    ready(prism);
  }, 120_000);
  afterAll(async () => {
    await prism?.stop();
  });
  afterEach(() => {
    expect(prism?.violations()).toEqual([]);
    prism?.clearViolations();
  });
}
