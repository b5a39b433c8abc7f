import type { Tx } from '@nongsan/db';

// What the sellers module needs from another module, declared here and wired by app-deps.ts. The
// cooperatives module owns cooperative_members and builds on sellers, so sellers reaches it only
// through this (decision 0016: the lower module declares, the higher one implements).

/** Makes a new cooperative's founder its first manager, in the transaction that creates it. */
export type CooperativeFounding = {
  addFounder(
    tx: Tx,
    founder: { cooperativeId: string; userId: string; phone: string; name: string; now: Date },
  ): Promise<void>;
};

export type SellerNeeds = { cooperativeFounding: CooperativeFounding };
