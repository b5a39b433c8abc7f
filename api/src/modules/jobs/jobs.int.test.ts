import { createTestDb, type TestDb } from '@nongsan/db/testing';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { TestClock } from '../../../test/harness.ts';
import { createLogger } from '../../lib/logger.ts';
import { JobQueue, retryDelayMs } from './job-queue.ts';
import { findJobs } from './jobs.repo.ts';

let database: TestDb;
beforeAll(async () => {
  database = await createTestDb(inject('testDbRun'), { maxConnections: 8 });
});
afterAll(async () => {
  await database.close();
});

const logger = createLogger('silent');
const queueWith = (clock: TestClock) => new JobQueue({ db: database.db, clock, logger });

describe('JobQueue', () => {
  it('runs a job enqueued in a committed transaction, not one rolled back', async () => {
    const clock = new TestClock();
    const queue = queueWith(clock);
    const seen: unknown[] = [];
    queue.register('commit-test', async (payload) => {
      seen.push(payload.n);
    });
    await database.db.transaction(async (tx) => {
      await queue.enqueue(tx, 'commit-test', { n: 1 });
    });
    await database.db
      .transaction(async (tx) => {
        await queue.enqueue(tx, 'commit-test', { n: 2 });
        throw new Error('rollback');
      })
      .catch(() => {});
    expect(await queue.runDue()).toBe(1);
    expect(seen).toEqual([1]);
    expect(await queue.runDue()).toBe(0);
  });

  it('waits until runAt, by the injected clock', async () => {
    const clock = new TestClock();
    const queue = queueWith(clock);
    const seen: unknown[] = [];
    queue.register('later', async (p) => {
      seen.push(p.id);
    });
    await queue.enqueue(database.db, 'later', { id: 'a' }, { runAt: new Date(clock.now().getTime() + 30 * 60_000) });
    expect(await queue.runDue()).toBe(0);
    clock.advance(30 * 60_000);
    expect(await queue.runDue()).toBe(1);
    expect(seen).toEqual(['a']);
  });

  it('retries a failing job with backoff and gives up after maxAttempts', async () => {
    const clock = new TestClock();
    const queue = queueWith(clock);
    let calls = 0;
    queue.register('flaky', async () => {
      calls += 1;
      if (calls < 3) throw new Error(`boom ${calls}`);
    });
    queue.register('hopeless', async () => {
      throw new Error('always');
    });
    await queue.enqueue(database.db, 'flaky', {});
    await queue.enqueue(database.db, 'hopeless', {}, { maxAttempts: 2 });
    expect(await queue.runDue()).toBe(2);
    expect(await queue.runDue()).toBe(0); // backing off
    clock.advance(retryDelayMs(1));
    await queue.runDue();
    clock.advance(retryDelayMs(2));
    await queue.runDue();
    expect(calls).toBe(3);
    const [flaky] = await findJobs(database.db, 'flaky');
    expect(flaky?.doneAt).not.toBeNull();
    const [hopeless] = await findJobs(database.db, 'hopeless');
    expect(hopeless?.failedAt).not.toBeNull();
    expect(hopeless?.lastError).toBe('always');
  });

  it('keeps one pending job per dedupe key', async () => {
    const queue = queueWith(new TestClock());
    expect(await queue.enqueue(database.db, 'dedupe', {}, { dedupeKey: 'order:1' })).toBe(true);
    expect(await queue.enqueue(database.db, 'dedupe', {}, { dedupeKey: 'order:1' })).toBe(false);
    queue.register('dedupe', async () => {});
    await queue.runDue();
    // Once done, the key is free again.
    expect(await queue.enqueue(database.db, 'dedupe', {}, { dedupeKey: 'order:1' })).toBe(true);
  });

  it('never gives one job to two workers at once', async () => {
    const clock = new TestClock();
    const counts = new Map<number, number>();
    const workers = Array.from({ length: 4 }, () => {
      const queue = queueWith(clock);
      queue.register('shared', async (p) => {
        counts.set(p.i as number, (counts.get(p.i as number) ?? 0) + 1);
      });
      return queue;
    });
    for (let i = 0; i < 40; i++) await workers[0]!.enqueue(database.db, 'shared', { i });
    await Promise.all(workers.map((w) => w.runDue(5).then(() => w.runDue(5))));
    await workers[0]!.runDue(100);
    expect(counts.size).toBe(40);
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
  });

  it("picks up a crashed worker's job once its lease has passed", async () => {
    const clock = new TestClock();
    const crashed = queueWith(clock);
    let release!: () => void;
    crashed.register('lease', () => new Promise<void>((r) => (release = r)));
    await crashed.enqueue(database.db, 'lease', {});
    const stuck = crashed.runDue();
    await new Promise((r) => setTimeout(r, 50));
    const rescuer = queueWith(clock);
    let rescued = 0;
    rescuer.register('lease', async () => {
      rescued += 1;
    });
    await rescuer.runDue();
    expect(rescued).toBe(0);
    clock.advance(61_000);
    await rescuer.runDue();
    expect(rescued).toBe(1);
    release();
    await stuck;
  });
});
