// Order race, repeated: `pnpm stress:orders [--rounds 20] [--buyers 200] [--units 50] [--connections 20]`.
// Each round puts `units` units of a fresh listing (spread over three lots) in front of `buyers`
// concurrent buyers through the real HTTP handler on real PostgreSQL, then checks the books:
// orders placed, on-hand, the ledger, lot allocations. Prints each round and the oversell count
// (units sold beyond stock, or books that disagree); exits 1 if any round oversold or answered
// something other than 201 / 409 INSUFFICIENT_STOCK.
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { createOrderWorld, inParallel } from './order-world.ts';

const { values: args } = parseArgs({
  options: {
    rounds: { type: 'string', default: '20' },
    buyers: { type: 'string', default: '200' },
    units: { type: 'string', default: '50' },
    connections: { type: 'string', default: '20' },
  },
});
const rounds = Number(args.rounds);
const buyerCount = Number(args.buyers);
const units = Number(args.units);
const connections = Number(args.connections);
if (![rounds, buyerCount, units, connections].every((n) => Number.isInteger(n) && n > 0)) {
  throw new Error('usage: stress:orders [--rounds 20] [--buyers 200] [--units 50] [--connections 20]');
}

const world = await createOrderWorld({ maxConnections: connections });
const rows = async <T>(query: string, params: string[]) => (await world.raw.unsafe(query, params)) as unknown as T[];

let oversold = 0;
let unexpected = 0;
const startedAt = performance.now();
try {
  const buyers = await world.createBuyers(buyerCount);
  for (let round = 1; round <= rounds; round++) {
    const [listing] = await world.createListings({ sellers: 1, perSeller: 1, stock: units, lotsPer: 3 });
    if (!listing) throw new Error('no listing');
    const roundStarted = performance.now();
    const answers = await inParallel(buyerCount, buyerCount, async (i) => {
      const response = await world.app.request('/api/v1/orders', {
        method: 'POST',
        headers: {
          authorization: `Bearer ${buyers[i]?.token}`,
          'content-type': 'application/json',
          'idempotency-key': randomUUID(),
        },
        body: JSON.stringify({
          items: [{ listingId: listing.id, quantity: 1 }],
          delivery: { method: 'pickup' },
          paymentMethod: 'cod',
        }),
      });
      const body = (await response.json()) as { error?: { code: string } };
      return response.status === 201 ? '201' : `${response.status} ${body.error?.code}`;
    });
    const ms = performance.now() - roundStarted;
    const placed = answers.filter((a) => a === '201').length;
    const refused = answers.filter((a) => a === '409 INSUFFICIENT_STOCK').length;
    const other = answers.length - placed - refused;
    const [books] = await rows<{ on_hand: number; ledger: number; sold: number; allocated: number; negative: number }>(
      `SELECT
         (SELECT (coalesce(sum(on_hand_milli), 0) / 1000.0)::float8 FROM lots WHERE listing_id = $1) AS on_hand,
         (SELECT (coalesce(sum(delta_milli), 0) / 1000.0)::float8 FROM stock_movements WHERE listing_id = $1) AS ledger,
         (SELECT (coalesce(sum(quantity_milli), 0) / 1000.0)::float8 FROM order_items WHERE listing_id = $1) AS sold,
         (SELECT (coalesce(sum(a.quantity_milli), 0) / 1000.0)::float8 FROM order_item_allocations a
            JOIN order_items i ON i.id = a.order_item_id WHERE i.listing_id = $1) AS allocated,
         (SELECT count(*)::int FROM lots WHERE listing_id = $1 AND on_hand_milli < 0) AS negative`,
      [listing.id],
    );
    if (!books) throw new Error('no books');
    // Oversold: more sold than stocked, or the books disagree with each other in any way.
    const over =
      Math.max(0, books.sold - units) +
      Math.abs(books.on_hand - (units - books.sold)) +
      Math.abs(books.ledger - books.on_hand) +
      Math.abs(books.allocated - books.sold) +
      books.negative;
    oversold += over;
    unexpected += other;
    console.log(
      `round ${round}/${rounds}: ${placed} placed, ${refused} refused, ${other} other; on-hand ${books.on_hand}, ledger ${books.ledger}, sold ${books.sold}; oversell ${over}; ${ms.toFixed(0)} ms`,
    );
  }
} finally {
  await world.close();
}
console.log(
  `rounds ${rounds}, buyers ${buyerCount} per round for ${units} units, oversell count ${oversold}, unexpected answers ${unexpected}, ${((performance.now() - startedAt) / 1000).toFixed(1)} s`,
);
if (oversold > 0 || unexpected > 0) process.exitCode = 1;
