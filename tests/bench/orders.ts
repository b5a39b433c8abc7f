// Order placement benchmark: `pnpm bench:orders [--orders 2000] [--concurrency 32] [--connections 16]`.
// A marketplace of its own on real PostgreSQL (DATABASE_URL's server, or one started here; a database
// created and dropped for the run): 50 farms × 20 listings, 500 signed-in buyers. Buyers place
// 1–3-item cash-on-delivery orders over random listings, `concurrency` at a time, first through the
// orders service (placeOrder, what the route calls), then through the whole HTTP handler
// (app.request: session lookup, validation, JSON). Prints orders per second, p50/p95 latency and SQL
// statements per order (every statement postgres.js sends, BEGIN and COMMIT included), and the
// statements of one 3-item order. Targets (issue 5): ≥ 150 orders/s on 2 cores, ≤ 15 statements
// per order. Prints figures; never fails on them (STYLE.md: tests never assert timings).
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import type { OrderCreate } from '@nongsan/contracts';
import { placeOrder } from '../../api/src/modules/orders/index.ts';
import { type Buyer, createOrderWorld, inParallel, type WorldListing } from '../concurrency/order-world.ts';

const TARGET_ORDERS_PER_SECOND = 150;
const TARGET_STATEMENTS = 15;

const { values: args } = parseArgs({
  options: {
    orders: { type: 'string', default: '2000' },
    concurrency: { type: 'string', default: '32' },
    connections: { type: 'string', default: '16' },
  },
});
const orderCount = Number(args.orders);
const concurrency = Number(args.concurrency);
const connections = Number(args.connections);
if (![orderCount, concurrency, connections].every((n) => Number.isInteger(n) && n > 0)) {
  throw new Error('usage: bench:orders [--orders 2000] [--concurrency 32] [--connections 16]');
}

/**
 * CPU seconds the database server spent for this benchmark's connections, read from /proc when
 * the server runs on this machine (null otherwise). With the machine shared, wall-clock figures
 * move with the neighbours' load; CPU per order does not, much.
 */
async function serverCpuSeconds(pids: readonly number[]): Promise<number | null> {
  let ticks = 0;
  for (const pid of pids) {
    try {
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      return null;
    }
  }
  return ticks / 100;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

/** A cart of 1–3 different listings, 1–3 units each. Deterministic per index, so runs compare. */
function cartFor(i: number, listings: readonly WorldListing[]): OrderCreate {
  const size = 1 + (i % 3);
  const items: OrderCreate['items'] = [];
  for (let k = 0; items.length < size; k++) {
    const listing = listings[(i * 7919 + k * 104_729) % listings.length] as WorldListing;
    if (!items.some((item) => item.listingId === listing.id)) {
      items.push({ listingId: listing.id, quantity: 1 + ((i + k) % 3) });
    }
  }
  return { items, delivery: { method: 'pickup' }, paymentMethod: 'cod' };
}

console.log(
  `node ${process.version}, ${availableParallelism()} cores (${cpus()[0]?.model ?? 'cpu'}), load average ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}`,
);
const world = await createOrderWorld({ maxConnections: connections, countQueries: true });
try {
  const listings = await world.createListings({ sellers: 50, perSeller: 20, stock: 1_000_000, lotsPer: 2 });
  const buyers = await world.createBuyers(500);
  const buyerOf = (i: number) => buyers[i % buyers.length] as Buyer;
  console.log(
    `${listings.length} listings of 50 farms, ${buyers.length} buyers; ${orderCount} orders per run, ${concurrency} at a time, pool of ${connections}`,
  );

  type Run = (i: number, cart: OrderCreate) => Promise<void>;
  const viaService: Run = async (i, cart) => {
    await placeOrder(world.deps, buyerOf(i), cart, randomUUID());
  };
  const viaHttp: Run = async (i, cart) => {
    const response = await world.app.request('/api/v1/orders', {
      method: 'POST',
      headers: {
        authorization: `Bearer ${buyerOf(i).token}`,
        'content-type': 'application/json',
        'idempotency-key': randomUUID(),
      },
      body: JSON.stringify(cart),
    });
    if (response.status !== 201) throw new Error(`HTTP ${response.status}: ${await response.text()}`);
    await response.arrayBuffer();
  };

  async function measure(label: string, run: Run, offset: number) {
    // Warm-up: JIT, prepared statements on every pooled connection.
    await inParallel(200, concurrency, (i) => run(offset + i, cartFor(offset + i, listings)));
    const pids = (
      await world.raw<
        { pid: number }[]
      >`SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`
    ).map((r) => r.pid);
    const serverBefore = await serverCpuSeconds(pids);
    world.queries.reset();
    const latencies: number[] = [];
    const cpuBefore = process.cpuUsage();
    const started = performance.now();
    await inParallel(orderCount, concurrency, async (i) => {
      const cart = cartFor(offset + 1000 + i, listings);
      const t0 = performance.now();
      await run(offset + 1000 + i, cart);
      latencies.push(performance.now() - t0);
    });
    const seconds = (performance.now() - started) / 1000;
    const cpu = process.cpuUsage(cpuBefore);
    const cpuMsPerOrder = (cpu.user + cpu.system) / 1000 / orderCount;
    const serverAfter = await serverCpuSeconds(pids);
    const serverMsPerOrder =
      serverBefore === null || serverAfter === null ? null : ((serverAfter - serverBefore) * 1000) / orderCount;
    const statements = world.queries.count / orderCount;
    latencies.sort((a, b) => a - b);
    console.log(
      `${label}: ${(orderCount / seconds).toFixed(0)} orders/s (target ≥ ${TARGET_ORDERS_PER_SECOND}), ` +
        `p50 ${percentile(latencies, 50).toFixed(1)} ms, p95 ${percentile(latencies, 95).toFixed(1)} ms, ` +
        `${statements.toFixed(2)} SQL statements per order (target ≤ ${TARGET_STATEMENTS}), ` +
        `CPU per order: ${cpuMsPerOrder.toFixed(2)} ms here` +
        (serverMsPerOrder === null
          ? ''
          : ` + ${serverMsPerOrder.toFixed(2)} ms PostgreSQL = ${(cpuMsPerOrder + serverMsPerOrder).toFixed(2)} ms ` +
            `(2 idle cores: ~${((2 * 1000) / (cpuMsPerOrder + serverMsPerOrder)).toFixed(0)} orders/s)`),
    );
  }

  await measure('service (placeOrder)', viaService, 0);
  await measure('HTTP (app.request)', viaHttp, 100_000);

  // The statements of single orders of each size, one at a time (nothing else running).
  for (const index of [3, 4, 5]) {
    const cart = cartFor(index, listings);
    world.queries.log = [];
    await viaService(index, cart);
    const log = world.queries.log;
    world.queries.log = null;
    console.log(`one ${cart.items.length}-item order through the service: ${log.length} statements`);
    if (cart.items.length === 3) {
      for (const [n, query] of log.entries()) console.log(`  ${n + 1}. ${query.replace(/\s+/g, ' ').slice(0, 110)}`);
    }
  }
} finally {
  await world.close();
}
