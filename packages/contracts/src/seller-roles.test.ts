import { describe, expect, it } from 'vitest';
import type { SellerRole } from './auth.ts';
import { isSellerManager, isSellerWriter } from './seller-roles.ts';

const ROLES: SellerRole[] = ['owner', 'manager', 'staff', 'member'];

describe('seller role sets', () => {
  it('lets owner, manager and staff work; owner and manager manage; a plain member neither', () => {
    expect(ROLES.filter(isSellerWriter)).toEqual(['owner', 'manager', 'staff']);
    expect(ROLES.filter(isSellerManager)).toEqual(['owner', 'manager']);
    expect(isSellerWriter(null)).toBe(false);
    expect(isSellerManager(undefined)).toBe(false);
  });

  it('every manager is also a writer', () => {
    for (const role of ROLES) if (isSellerManager(role)) expect(isSellerWriter(role)).toBe(true);
  });
});
