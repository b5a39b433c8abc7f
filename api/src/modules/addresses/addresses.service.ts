import { type Address, type AddressCreate, type AddressUpdate, MAX_ADDRESSES } from '@nongsan/contracts';
import { newId } from '@nongsan/db';
import type { Deps } from '../../deps.ts';
import { AppError } from '../../errors.ts';
import type { SessionUser } from '../../lib/context.ts';
import { findCommune, requireCommune } from '../communes/index.ts';
import * as repo from './addresses.repo.ts';

type AddressDeps = Pick<Deps, 'db' | 'clock'>;

export function toAddress(row: repo.AddressRow): Address {
  const commune = findCommune(row.communeCode);
  // Codes are checked before they are stored; one the list no longer has is a bug of a data update.
  if (!commune) throw new Error(`address ${row.id}: commune ${row.communeCode} is not in the list`);
  return {
    id: row.id,
    label: row.label,
    recipientName: row.recipientName,
    phone: row.phone,
    commune,
    street: row.street,
    isDefault: row.isDefault,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

const notFound = () => new AppError('NOT_FOUND', { message: 'address not found' });

/** The buyer's own address, or 404: another buyer's address answers exactly as an unknown id. */
async function requireOwnAddress(
  db: AddressDeps['db'],
  user: SessionUser,
  addressId: string,
): Promise<repo.AddressRow> {
  const row = await repo.findOwnAddress(db, user.userId, addressId);
  if (!row) throw notFound();
  return row;
}

export async function listAddresses(deps: AddressDeps, user: SessionUser): Promise<Address[]> {
  return (await repo.listAddressesOfUser(deps.db, user.userId)).map(toAddress);
}

/** Adds an address; the first one, or one asked to be, becomes the default. */
export async function createAddress(deps: AddressDeps, user: SessionUser, input: AddressCreate): Promise<Address> {
  // The commune first: an unknown code is 422 before anything is locked or written.
  const commune = requireCommune(input.communeCode, 'communeCode');
  return deps.db.transaction(async (tx) => {
    await repo.lockAddressBook(tx, user.userId);
    const held = await repo.countAddressesOfUser(tx, user.userId);
    if (held >= MAX_ADDRESSES) {
      throw new AppError('CONFLICT', {
        message: `an address book holds at most ${MAX_ADDRESSES} addresses`,
        details: { reason: 'address_book_full' },
      });
    }
    const now = deps.clock.now();
    const isDefault = held === 0 || input.isDefault === true;
    if (isDefault) await repo.clearDefault(tx, user.userId, now);
    const row = await repo.insertAddress(tx, {
      id: newId('adr'),
      userId: user.userId,
      label: input.label ?? null,
      recipientName: input.recipientName,
      phone: input.phone,
      provinceId: commune.provinceId,
      communeCode: commune.code,
      street: input.street,
      isDefault,
      createdAt: now,
      updatedAt: now,
    });
    return toAddress(row);
  });
}

/** Changes the fields given; a new commune brings its province with it. */
export async function updateAddress(
  deps: AddressDeps,
  user: SessionUser,
  addressId: string,
  input: AddressUpdate,
): Promise<Address> {
  return deps.db.transaction(async (tx) => {
    await requireOwnAddress(tx, user, addressId);
    // After the ownership check: someone else's address id is 404 whatever the body says.
    const commune = input.communeCode === undefined ? null : requireCommune(input.communeCode, 'communeCode');
    const row = await repo.updateAddress(tx, addressId, {
      ...(input.label === undefined ? {} : { label: input.label }),
      ...(input.recipientName === undefined ? {} : { recipientName: input.recipientName }),
      ...(input.phone === undefined ? {} : { phone: input.phone }),
      ...(input.street === undefined ? {} : { street: input.street }),
      ...(commune ? { communeCode: commune.code, provinceId: commune.provinceId } : {}),
      updatedAt: deps.clock.now(),
    });
    return toAddress(row);
  });
}

export async function setDefaultAddress(deps: AddressDeps, user: SessionUser, addressId: string): Promise<Address> {
  return deps.db.transaction(async (tx) => {
    await repo.lockAddressBook(tx, user.userId);
    const row = await requireOwnAddress(tx, user, addressId);
    if (!row.isDefault) {
      const now = deps.clock.now();
      await repo.clearDefault(tx, user.userId, now);
      await repo.markDefault(tx, addressId, now);
    }
    return toAddress(await requireOwnAddress(tx, user, addressId));
  });
}

/** Deletes an address; when it was the default, the address changed last takes its place. */
export async function deleteAddress(deps: AddressDeps, user: SessionUser, addressId: string): Promise<void> {
  await deps.db.transaction(async (tx) => {
    await repo.lockAddressBook(tx, user.userId);
    const row = await requireOwnAddress(tx, user, addressId);
    await repo.deleteAddress(tx, addressId);
    if (row.isDefault) {
      const next = await repo.findLatestOtherAddress(tx, user.userId, addressId);
      if (next) await repo.markDefault(tx, next.id, deps.clock.now());
    }
  });
}
