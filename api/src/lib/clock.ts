/** Injected time: jobs and expiry rules are tested by moving this clock, never by sleeping. */
export type Clock = { now(): Date };

export const systemClock: Clock = { now: () => new Date() };
