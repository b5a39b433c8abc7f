import { z } from 'zod';

/** When and how often a job is tried; every field has a default. */
export type EnqueueOptions = {
  /** When the job becomes due (default: now). */
  runAt?: Date;
  /** At most one pending job per key. */
  dedupeKey?: string;
  /** Overrides the kind's `maxAttempts` for this one job. */
  maxAttempts?: number;
};

/** One job ready to insert: its payload was checked against its kind's schema when it was made. */
export type JobSpec = { kind: string; payload: Record<string, unknown> } & EnqueueOptions;

/** A payload schema: always an object (the `jobs.payload` column is a JSON object). */
export type PayloadSchema = z.ZodType<Record<string, unknown>>;

export type JobKindOptions = {
  /**
   * How long a worker holds a claimed job before another may take it over. The worker renews it
   * while the handler runs (every third of it), so this bounds how long a crashed worker's job
   * waits, not how long a job may take. Default 60 s.
   */
  leaseMs?: number;
  /** Tries before the job is failed for good (default 10). */
  maxAttempts?: number;
};

/**
 * A job kind: its name, the schema of its payload and its lease. Modules define their kinds with
 * `defineJob` and register a handler for each; the queue validates every payload it reads against
 * the kind's schema before the handler sees it (docs/decisions/0020-jobs-run-once.md).
 */
export type JobKind<S extends PayloadSchema = PayloadSchema> = {
  readonly kind: string;
  readonly schema: S;
  readonly leaseMs: number;
  readonly maxAttempts: number;
  /** This kind with this payload as a job to enqueue; the payload is validated now. */
  job(payload: z.input<S>, options?: EnqueueOptions): JobSpec;
};

export type PayloadOf<K extends JobKind> = z.output<K['schema']>;

export const DEFAULT_LEASE_MS = 60_000;

export function defineJob<S extends PayloadSchema>(kind: string, schema: S, options: JobKindOptions = {}): JobKind<S> {
  const maxAttempts = options.maxAttempts ?? 10;
  return {
    kind,
    schema,
    leaseMs: options.leaseMs ?? DEFAULT_LEASE_MS,
    maxAttempts,
    job: (payload, enqueue = {}) => ({
      kind,
      payload: schema.parse(payload),
      ...enqueue,
      maxAttempts: enqueue.maxAttempts ?? maxAttempts,
    }),
  };
}

/** A payload field holding one of our prefixed ids (`ord_…`, `ful_…`: db/src/ids.ts). */
export const idOf = (prefix: string) =>
  z
    .string()
    .startsWith(`${prefix}_`)
    .min(prefix.length + 2);
