import { z } from 'zod';
import {
  BankTransferConfigSchema,
  type BankTransferPaymentProvider,
  createBankTransferProvider,
} from './bank-transfer.provider.ts';
import { type CodPaymentProvider, createCodProvider } from './cod.provider.ts';
import { PAYMENT_METHODS, type PaymentMethod } from './payment-provider.ts';
import { createStripeProvider, StripeConfigSchema, type StripePaymentProvider } from './stripe.provider.ts';

/**
 * Which ways to pay this deployment offers. A method is offered at checkout exactly when it is
 * configured here; api/src/env.ts builds this from the environment and parses it at start-up.
 */
export const PaymentsConfigSchema = z
  .object({
    stripe: StripeConfigSchema.optional(),
    bankTransfer: BankTransferConfigSchema.optional(),
    /** Most buyers in rural Vietnam pay cash on delivery: on unless switched off. */
    cod: z.object({ enabled: z.boolean() }).strict().default({ enabled: true }),
  })
  .strict();

export type PaymentsConfig = z.input<typeof PaymentsConfigSchema>;

type ProviderByMethod = {
  stripe: StripePaymentProvider;
  bank_transfer: BankTransferPaymentProvider;
  cod: CodPaymentProvider;
};

export type PaymentProviders = {
  /** The configured methods, in checkout display order. */
  readonly methods: readonly PaymentMethod[];
  /** The provider for `method`, or null when this deployment does not offer it. */
  find<M extends PaymentMethod>(method: M): ProviderByMethod[M] | null;
};

/** @throws ZodError when the configuration is invalid (fail fast at start-up). */
export function createPaymentProviders(config: PaymentsConfig, options: { now?: () => Date } = {}): PaymentProviders {
  const settings = PaymentsConfigSchema.parse(config);
  const providers: Partial<ProviderByMethod> = {};
  if (settings.stripe) providers.stripe = createStripeProvider(settings.stripe, options);
  if (settings.bankTransfer) providers.bank_transfer = createBankTransferProvider(settings.bankTransfer);
  if (settings.cod.enabled) providers.cod = createCodProvider();
  const methods = PAYMENT_METHODS.filter((method) => providers[method] !== undefined);
  return {
    methods,
    find: (method) => providers[method] ?? null,
  };
}
