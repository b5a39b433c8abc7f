// Writes for the search benchmark (search.ts), on the application's real write path: listings
// change stock or price in transactions that also record the change in search_outbox
// (recordSearchChange, as inventory and the listing editor do), and the outbox relay job
// (registerSearchRelay), run by the API's job queue, rebuilds their documents from the database and
// applies them to the engine.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SearchDocument } from '@nongsan/contracts';
import type { Db } from '@nongsan/db';
import { createMediaStorage } from '@nongsan/media';
import type { SearchEngine } from '@nongsan/search';
import type { Sql } from 'postgres';
import { systemClock } from '../../api/src/lib/clock.ts';
import { JobQueue } from '../../api/src/lib/jobs/index.ts';
import { createLogger } from '../../api/src/lib/logger.ts';
import { setListingStatus } from '../../api/src/modules/listings/index.ts';
import { updateListing } from '../../api/src/modules/listings/listings.repo.ts';
import { recordSearchChange, registerSearchRelay } from '../../api/src/modules/search/index.ts';

const chunks = <T>(items: readonly T[], size: number) =>
  Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size));

/**
 * The listings the writer will change, as rows of the application's tables (a user, their sellers,
 * the sellers' verified certifications, the listings and their certification links), mirroring the
 * indexed documents so that the relay rebuilds the same documents from them.
 */
export async function seedWrittenListings(db: Sql, documents: readonly SearchDocument[]): Promise<void> {
  const sellers = new Map<string, SearchDocument>();
  const certificationsOf = new Map<string, Set<string>>();
  for (const document of documents) {
    sellers.set(document.sellerId, document);
    const types = certificationsOf.get(document.sellerId) ?? new Set();
    for (const type of document.certifications) types.add(type);
    certificationsOf.set(document.sellerId, types);
  }
  // postgres.js serialises a jsonb parameter itself.
  const json = (rows: unknown[]) => db.json(rows as never);
  await db`INSERT INTO users (id, phone, name) VALUES ('usr_bench_search', '+84900000000', 'Bench')`;
  for (const part of chunks([...sellers.values()], 1000)) {
    await db`
      INSERT INTO sellers (id, kind, owner_user_id, name, province_id, lat, lng)
      SELECT id, kind::seller_kind, 'usr_bench_search', name, province_id, lat, lng
      FROM jsonb_to_recordset(${json(
        part.map((d) => ({
          id: d.sellerId,
          kind: d.sellerKind,
          name: d.sellerName,
          province_id: d.provinceId,
          lat: d.location?.lat ?? null,
          lng: d.location?.lng ?? null,
        })),
      )}::jsonb) AS x(id text, kind text, name text, province_id text, lat float8, lng float8)`;
  }
  const certifications = [...certificationsOf].flatMap(([sellerId, types]) =>
    [...types].map((type) => ({ id: `cer_${sellerId}_${type}`, seller_id: sellerId, type })),
  );
  for (const part of chunks(certifications, 1000)) {
    await db`
      INSERT INTO certifications (id, seller_id, type, stars, certificate_number, issuer, valid_from, valid_to, verified_at)
      SELECT id, seller_id, type::certification_type, CASE WHEN type = 'ocop' THEN 4 END, id, 'Bench',
        '2024-01-01', '2099-12-31', now()
      FROM jsonb_to_recordset(${json(part)}::jsonb) AS x(id text, seller_id text, type text)`;
  }
  for (const part of chunks(documents, 1000)) {
    await db`
      INSERT INTO listings (id, seller_id, title, description, category, unit, price_vnd, status, harvested_at, created_at)
      SELECT id, seller_id, title, description, category::listing_category, unit::sale_unit, price_vnd,
        status::listing_status, harvested_at, created_at
      FROM jsonb_to_recordset(${json(
        part.map((d) => ({
          id: d.id,
          seller_id: d.sellerId,
          title: d.title,
          description: d.description,
          category: d.category,
          unit: d.unit,
          price_vnd: d.priceVnd,
          status: d.status,
          harvested_at: d.harvestedAt ?? null,
          created_at: d.createdAt,
        })),
      )}::jsonb) AS x(id text, seller_id text, title text, description text, category text, unit text, price_vnd int,
        status text, harvested_at date, created_at timestamptz)`;
    const links = part.flatMap((d) =>
      d.certifications.map((type) => ({ listing_id: d.id, certification_id: `cer_${d.sellerId}_${type}` })),
    );
    if (links.length > 0) {
      await db`
        INSERT INTO listing_certifications (listing_id, certification_id)
        SELECT listing_id, certification_id FROM jsonb_to_recordset(${json(links)}::jsonb) AS x(listing_id text, certification_id text)`;
    }
  }
}

export type WriteFigures = {
  /** Changes committed per second. */
  perSecond: number;
  changes: number;
  /** Outbox rows the relay processed while the writer ran and until it caught up. */
  relayed: number;
  /** Commit of a change to its document in the index (outbox row written → processed), p95 and max. */
  lagP95Ms: number;
  lagMaxMs: number;
};

/**
 * Listings changing stock or price at `perSecond`, each change its own transaction with its outbox
 * row; the API's job queue running the relay (polling as the API's does). Resolves, once stopped,
 * when the relay has caught up.
 */
export function startWriter(db: Db, raw: Sql, engine: SearchEngine, sample: SearchDocument[], perSecond: number) {
  const mediaDir = mkdtempSync(join(tmpdir(), 'nongsan-bench-media-'));
  const media = createMediaStorage({ kind: 'local', dir: mediaDir, publicBaseUrl: 'http://127.0.0.1/media' });
  const jobs = new JobQueue({ db, clock: systemClock, logger: createLogger('warn') });
  registerSearchRelay({ db, clock: systemClock, media, search: engine, jobs });
  jobs.start();

  let stopped = false;
  let changes = 0;
  const state = sample.map((d) => ({ id: d.id, inStock: d.inStock, priceVnd: d.priceVnd }));
  const intervalMs = 1000 / perSecond;
  const started = performance.now();
  const done = (async () => {
    for (let i = 0; !stopped; i++) {
      const listing = state[i % state.length] as (typeof state)[number];
      const now = systemClock.now();
      await db.transaction(async (tx) => {
        // Alternately a sale or restock (inventory's stock flip) and a price change (the listing editor).
        if (i % 2 === 0) {
          listing.inStock = !listing.inStock;
          await setListingStatus(tx, listing.id, listing.inStock ? 'active' : 'sold_out', now);
        } else {
          listing.priceVnd += i % 4 === 1 ? 1000 : -1000;
          await updateListing(tx, listing.id, { priceVnd: listing.priceVnd, updatedAt: now });
        }
        await recordSearchChange(tx, { listingIds: [listing.id] }, now);
      });
      changes++;
      const wait = started + (i + 1) * intervalMs - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    }
  })();
  return {
    stop: async (): Promise<WriteFigures> => {
      stopped = true;
      await done;
      const perSecond = changes / ((performance.now() - started) / 1000);
      // The relay catches up on its own (the queue's next polls); the last rows are waited for.
      for (let waited = 0; waited < 60_000; waited += 200) {
        const [row] = await raw<
          { n: number }[]
        >`SELECT count(*)::int AS n FROM search_outbox WHERE processed_at IS NULL`;
        if ((row?.n ?? 0) === 0) break;
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      await jobs.stop();
      rmSync(mediaDir, { recursive: true, force: true });
      const [lag] = await raw<{ relayed: number; p95: number; max: number }[]>`
        SELECT count(*)::int AS relayed,
          coalesce(percentile_cont(0.95) WITHIN GROUP (ORDER BY extract(epoch FROM processed_at - created_at)), 0) * 1000 AS p95,
          coalesce(max(extract(epoch FROM processed_at - created_at)), 0) * 1000 AS max
        FROM search_outbox WHERE processed_at IS NOT NULL`;
      return {
        perSecond,
        changes,
        relayed: lag?.relayed ?? 0,
        lagP95Ms: Number(lag?.p95 ?? 0),
        lagMaxMs: Number(lag?.max ?? 0),
      };
    },
  };
}
