import { afterEach, beforeEach, vi } from 'vitest';

// STYLE.md: an unexpected console.error fails a test. A test that expects one mocks it itself.
let errors: unknown[][] = [];
beforeEach(() => {
  errors = [];
  vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
    errors.push(args);
  });
});
afterEach(() => {
  vi.restoreAllMocks();
  if (errors.length > 0) {
    throw new Error(`unexpected console.error: ${errors.map((a) => a.map(String).join(' ')).join('\n')}`);
  }
});
