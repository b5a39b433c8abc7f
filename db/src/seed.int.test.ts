import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CATEGORY_IDS } from '@nongsan/contracts/catalogue';
import { LocalDiskStorage } from '@nongsan/media';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { seedDemo } from './seed.ts';
import { createTestDb, type TestDb } from './testing.ts';

let database: TestDb;

/** postgres.js returns an array of rows. */
async function rows<T>(query: ReturnType<typeof sql>): Promise<T[]> {
  return (await database.db.execute(query)) as unknown as T[];
}
let mediaDir: string;
beforeAll(async () => {
  database = await createTestDb(inject('testDbRun'));
  mediaDir = await mkdtemp(path.join(tmpdir(), 'nongsan-seed-'));
});
afterAll(async () => {
  await database?.close();
  await rm(mediaDir, { recursive: true, force: true });
});

async function counts() {
  const [row] = await rows<Record<string, number>>(sql`
    SELECT
      (SELECT count(*)::int FROM listings WHERE status = 'active') AS active,
      (SELECT count(DISTINCT category)::int FROM listings WHERE status = 'active') AS categories,
      (SELECT count(*)::int FROM lots) AS lots,
      (SELECT count(*)::int FROM stock_movements) AS movements,
      (SELECT count(*)::int FROM media) AS media,
      (SELECT count(*)::int FROM listing_photos) AS photos,
      (SELECT count(*)::int FROM certifications WHERE verified_at IS NOT NULL) AS verified,
      (SELECT count(*)::int FROM lots l WHERE l.on_hand_milli <> (SELECT sum(delta_milli) FROM stock_movements m WHERE m.lot_id = l.id)) AS ledger_mismatches
  `);
  return row as Record<string, number>;
}

describe('seedDemo', () => {
  const now = new Date('2026-11-27T03:00:00Z');

  it('creates at least 60 active listings across all 12 categories, each with a stored photo', async () => {
    await seedDemo(database.db, { now, media: new LocalDiskStorage(mediaDir, '/media') });
    const after = await counts();
    expect(after.active).toBeGreaterThanOrEqual(60);
    expect(after.categories).toBe(CATEGORY_IDS.length);
    expect(after.photos).toBe(after.active);
    // Each listing has a distinct picture.
    expect(after.media).toBe(after.photos);
    expect(after.ledger_mismatches).toBe(0);
    expect(after.verified).toBeGreaterThanOrEqual(2);
    const [photo] = await rows<{ key: string }>(sql`SELECT variants->0->>'key' AS key FROM media LIMIT 1`);
    const storage = new LocalDiskStorage(mediaDir, '/media');
    expect(await storage.exists(String(photo?.key))).toBe(true);
  });

  it('is idempotent: a second run changes no count', async () => {
    const before = await counts();
    await seedDemo(database.db, {
      now: new Date(now.getTime() + 86_400_000),
      media: new LocalDiskStorage(mediaDir, '/media'),
    });
    expect(await counts()).toEqual(before);
  });

  it("gives no demo person the demo operator's phone (scripts/start.mjs's ADMIN_PHONES)", async () => {
    const start = await readFile(new URL('../../scripts/start.mjs', import.meta.url), 'utf8');
    const operator = start.match(/ADMIN_PHONES: '(\d+)'/)?.[1];
    expect(operator).toBe('0912000009');
    const international = `+84${operator?.slice(1)}`;
    const taken = await rows<{ phone: string }>(sql`
      SELECT phone FROM users WHERE phone = ${international}
      UNION ALL SELECT phone FROM cooperative_members WHERE phone = ${international}`);
    expect(taken).toEqual([]);
    // An invitation: it still has its own phone.
    const [bich] = await rows<{ phone: string }>(sql`SELECT phone FROM cooperative_members WHERE id = 'mem_demo_bich'`);
    expect(bich?.phone).toBe('+84912000010');
  });

  it('attributes some Tân Cương lots to members, including members without a phone', async () => {
    const members = await rows<{ phone: string | null }>(sql`
      SELECT m.phone FROM lots l JOIN cooperative_members m ON m.id = l.member_id`);
    expect(members.length).toBeGreaterThan(0);
    expect(members.some((r) => r.phone === null)).toBe(true);
  });
});
