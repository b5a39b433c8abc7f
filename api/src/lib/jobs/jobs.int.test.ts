import { createDb, type Database } from '@nongsan/db';
import { createTestDb, type TestDb } from '@nongsan/db/testing';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { z } from 'zod';
import { TestClock } from '../../../test/harness.ts';
import { queryRows } from '../../../test/sql-rows.ts';
import { systemClock } from '../clock.ts';
import { createLogger } from '../logger.ts';
import { defineJob, idOf } from './job-definition.ts';
import { JobQueue, type JobQueueOptions, retryDelayMs } from './job-queue.ts';
import { findJobs } from './jobs.repo.ts';

let database: TestDb;
let second: Database;
beforeAll(async () => {
  database = await createTestDb(inject('testDbRun'), { maxConnections: 8 });
  // Another pool on the same database: a second process as far as PostgreSQL can tell.
  second = createDb({ url: database.url, maxConnections: 4 });
});
afterAll(async () => {
  await second?.close();
  await database.close();
});

const logger = createLogger('silent');
const queueWith = (clock: TestClock, options?: JobQueueOptions) =>
  new JobQueue({ db: database.db, clock, logger }, options);

const numbered = (kind: string, options?: Parameters<typeof defineJob>[2]) =>
  defineJob(kind, z.object({ n: z.number().int() }), options);
const empty = (kind: string, options?: Parameters<typeof defineJob>[2]) => defineJob(kind, z.object({}), options);

describe('JobQueue', () => {
  it('runs a job enqueued in a committed transaction, not one rolled back', async () => {
    const clock = new TestClock();
    const queue = queueWith(clock);
    const kind = numbered('commit-test');
    const seen: number[] = [];
    queue.register(kind, async (payload) => {
      seen.push(payload.n);
    });
    await database.db.transaction(async (tx) => {
      await queue.enqueue(tx, kind.job({ n: 1 }));
    });
    await database.db
      .transaction(async (tx) => {
        await queue.enqueue(tx, kind.job({ n: 2 }));
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
    const kind = numbered('later');
    const seen: number[] = [];
    queue.register(kind, async (p) => {
      seen.push(p.n);
    });
    await queue.enqueue(database.db, kind.job({ n: 7 }, { runAt: new Date(clock.now().getTime() + 30 * 60_000) }));
    expect(await queue.runDue()).toBe(0);
    clock.advance(30 * 60_000);
    expect(await queue.runDue()).toBe(1);
    expect(seen).toEqual([7]);
  });

  it('retries a failing job with backoff and gives up after maxAttempts', async () => {
    const clock = new TestClock();
    const queue = queueWith(clock);
    let calls = 0;
    const flaky = empty('flaky');
    const hopeless = empty('hopeless', { maxAttempts: 2 });
    queue.register(flaky, async () => {
      calls += 1;
      if (calls < 3) throw new Error(`boom ${calls}`);
    });
    queue.register(hopeless, async () => {
      throw new Error('always');
    });
    await queue.enqueue(database.db, flaky.job({}));
    await queue.enqueue(database.db, hopeless.job({}));
    expect(await queue.runDue()).toBe(2);
    expect(await queue.runDue()).toBe(0); // backing off
    clock.advance(retryDelayMs(1));
    await queue.runDue();
    clock.advance(retryDelayMs(2));
    await queue.runDue();
    expect(calls).toBe(3);
    const [flakyRow] = await findJobs(database.db, 'flaky');
    expect(flakyRow?.doneAt).not.toBeNull();
    const [hopelessRow] = await findJobs(database.db, 'hopeless');
    expect(hopelessRow?.failedAt).not.toBeNull();
    expect(hopelessRow?.lastError).toBe('always');
  });

  it('keeps one pending job per dedupe key', async () => {
    const queue = queueWith(new TestClock());
    const kind = empty('dedupe');
    expect(await queue.enqueue(database.db, kind.job({}, { dedupeKey: 'order:1' }))).toBe(true);
    expect(await queue.enqueue(database.db, kind.job({}, { dedupeKey: 'order:1' }))).toBe(false);
    queue.register(kind, async () => {});
    await queue.runDue();
    // Once done, the key is free again.
    expect(await queue.enqueue(database.db, kind.job({}, { dedupeKey: 'order:1' }))).toBe(true);
  });

  it('checks a payload against its kind when enqueued and again when read', async () => {
    const clock = new TestClock();
    const queue = queueWith(clock);
    const kind = defineJob('typed', z.object({ orderId: idOf('ord') }));
    // Written wrong: refused before it reaches the table.
    expect(() => kind.job({ orderId: 'usr_abc' })).toThrow();
    // Read wrong (a row written by an older version, or by hand): failed for good, never retried.
    await database.db.execute(
      sql`INSERT INTO jobs (kind, payload, run_at) VALUES ('typed', '{"orderId": 42}'::jsonb, ${clock.now().toISOString()}::timestamptz)`,
    );
    const seen: string[] = [];
    queue.register(kind, async ({ orderId }) => {
      seen.push(orderId);
    });
    await queue.enqueue(database.db, kind.job({ orderId: 'ord_1234' }));
    expect(await queue.runDue()).toBe(2);
    expect(seen).toEqual(['ord_1234']);
    const rows = await findJobs(database.db, 'typed');
    expect(rows.map((r) => [r.doneAt !== null, r.failedAt !== null, r.attempts])).toEqual([
      [false, true, 1],
      [true, false, 1],
    ]);
    expect(rows[0]?.lastError).toMatch(/^invalid payload/);
  });

  it('never claims a kind it has no handler for (another version of the app may run it)', async () => {
    const clock = new TestClock();
    const queue = queueWith(clock);
    await queue.enqueue(database.db, empty('unknown-here').job({}));
    queue.register(empty('known-here'), async () => {});
    expect(await queue.runDue()).toBe(0);
    const [row] = await findJobs(database.db, 'unknown-here');
    expect(row).toMatchObject({ attempts: 0, doneAt: null, failedAt: null, lockedUntil: null });
  });

  it('claims no more jobs than it runs at a time', async () => {
    const clock = new TestClock();
    const queue = queueWith(clock, { concurrency: 3 });
    const kind = numbered('slots');
    let running = 0;
    let most = 0;
    const leasedWhileRunning: number[] = [];
    queue.register(kind, async () => {
      running += 1;
      most = Math.max(most, running);
      const [leased] = await queryRows<{ n: number }>(
        database.db,
        sql`SELECT count(*)::int AS n FROM jobs WHERE kind = 'slots' AND done_at IS NULL AND locked_until IS NOT NULL`,
      );
      leasedWhileRunning.push(leased?.n ?? -1);
      await new Promise((r) => setTimeout(r, 20));
      running -= 1;
    });
    for (let n = 0; n < 8; n++) await queue.enqueue(database.db, kind.job({ n }));
    expect(await queue.runDue()).toBe(8);
    expect(most).toBe(3);
    // Never more rows leased than slots: the rest stayed free for other processes.
    expect(Math.max(...leasedWhileRunning)).toBeLessThanOrEqual(3);
  });

  it('never gives one job to two workers at once', async () => {
    const clock = new TestClock();
    const counts = new Map<number, number>();
    const kind = numbered('shared');
    const workers = Array.from({ length: 4 }, () => {
      const queue = queueWith(clock, { concurrency: 2 });
      queue.register(kind, async (p) => {
        counts.set(p.n, (counts.get(p.n) ?? 0) + 1);
      });
      return queue;
    });
    for (let n = 0; n < 40; n++) await workers[0]!.enqueue(database.db, kind.job({ n }));
    await Promise.all(workers.map((w) => w.runDue(5).then(() => w.runDue(5))));
    await workers[0]!.runDue(100);
    expect(counts.size).toBe(40);
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
  });

  it("picks up a crashed worker's job once its lease has passed, and the late finisher records nothing", async () => {
    const clock = new TestClock();
    const crashed = queueWith(clock);
    const kind = empty('lease', { leaseMs: 60_000 });
    let release!: () => void;
    crashed.register(kind, () => new Promise<void>((r) => (release = r)));
    await crashed.enqueue(database.db, kind.job({}));
    const stuck = crashed.runDue();
    await new Promise((r) => setTimeout(r, 50));
    const rescuer = queueWith(clock);
    let rescued = 0;
    let hold!: () => void;
    rescuer.register(kind, async () => {
      rescued += 1;
      await new Promise<void>((r) => (hold = r));
    });
    await rescuer.runDue();
    expect(rescued).toBe(0);
    clock.advance(61_000);
    const rescue = rescuer.runDue();
    await new Promise((r) => setTimeout(r, 50));
    expect(rescued).toBe(1);
    // The first worker wakes up and finishes: it no longer holds the job, so it marks nothing.
    release();
    await stuck;
    const [during] = await findJobs(database.db, 'lease');
    expect(during).toMatchObject({ attempts: 2, doneAt: null });
    hold();
    await rescue;
    const [after] = await findJobs(database.db, 'lease');
    expect(after?.doneAt).not.toBeNull();
  });

  it('runs every job exactly once across two processes with a short lease and a slow job kind', async () => {
    // Real time here: the lease (600 ms) is far shorter than a job (1.5 s); only renewal (every
    // 200 ms) keeps the other process from taking a job that is still running. The lease is not
    // shorter because a loaded CI machine can stall a timer or a query for a few hundred ms.
    const slow = numbered('slow-sms', { leaseMs: 600 });
    const runs = new Map<number, number>();
    const byProcess = [0, 0];
    const make = (db: Database['db'], index: number) => {
      const queue = new JobQueue({ db, clock: systemClock, logger }, { concurrency: 2 });
      queue.register(slow, async ({ n }) => {
        runs.set(n, (runs.get(n) ?? 0) + 1);
        byProcess[index]! += 1;
        await new Promise((r) => setTimeout(r, 1500));
      });
      return queue;
    };
    const a = make(database.db, 0);
    const b = make(second.db, 1);
    const jobs = 8;
    await a.enqueueMany(
      database.db,
      Array.from({ length: jobs }, (_, n) => slow.job({ n })),
    );
    a.start(25);
    b.start(25);
    const deadline = Date.now() + 20_000;
    while (Date.now() < deadline) {
      const rows = await findJobs(database.db, 'slow-sms');
      if (rows.every((r) => r.doneAt !== null)) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    await Promise.all([a.stop(), b.stop()]);
    const rows = await findJobs(database.db, 'slow-sms');
    expect(rows.every((r) => r.doneAt !== null && r.attempts === 1)).toBe(true);
    expect([...runs.keys()].sort((x, y) => x - y)).toEqual(Array.from({ length: jobs }, (_, n) => n));
    expect([...runs.values()].every((count) => count === 1)).toBe(true);
    // Both processes worked (each claims at most 2 at a time, so neither could take all 8 at once).
    expect(byProcess.every((count) => count > 0)).toBe(true);
  });

  it('prunes done jobs older than the retention, keeping failed and pending ones', async () => {
    const clock = new TestClock();
    const queue = queueWith(clock, { retainDoneDays: 7 });
    const kind = numbered('prune');
    const failing = empty('prune-fail', { maxAttempts: 1 });
    queue.register(kind, async () => {});
    queue.register(failing, async () => {
      throw new Error('no');
    });
    await queue.enqueue(database.db, kind.job({ n: 1 }));
    await queue.enqueue(database.db, failing.job({}));
    await queue.runDue();
    clock.advance(6 * 86_400_000);
    await queue.enqueue(database.db, kind.job({ n: 2 }));
    await queue.runDue();
    await queue.enqueue(database.db, kind.job({ n: 3 }, { runAt: new Date(clock.now().getTime() + 86_400_000 * 30) }));
    clock.advance(2 * 86_400_000);
    expect(await queue.pruneDone()).toBeGreaterThanOrEqual(1);
    const left = await findJobs(database.db, 'prune');
    expect(left.map((r) => r.payload)).toEqual([{ n: 2 }, { n: 3 }]);
    expect(await findJobs(database.db, 'prune-fail')).toHaveLength(1);
  });
});
