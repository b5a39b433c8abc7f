import { describe, expect, it } from 'vitest';
import { displayedName, nameInitials } from './names.ts';

describe('nameInitials', () => {
  it.each([
    ['Lê Thị Tám', 'L.T.T.'],
    ['đỗ văn hùng', 'Đ.V.H.'],
    ['  Bà   Ông Thị Ước ', 'B.Ô.T.Ư.'],
    ['Lê Thị Tám'.normalize('NFD'), 'L.T.T.'],
    ['Anh Minh (tổ 3)', 'A.M.T.'],
    ['123 -', ''],
  ])('%s → %s', (name, initials) => {
    expect(nameInitials(name)).toBe(initials);
  });
});

describe('displayedName', () => {
  it('shows the name in full, as initials, or not at all', () => {
    expect(displayedName('Lê Thị Tám', 'full')).toBe('Lê Thị Tám');
    expect(displayedName('Lê Thị Tám', 'initials')).toBe('L.T.T.');
    expect(displayedName('Lê Thị Tám', 'none')).toBeNull();
    expect(displayedName('123', 'initials')).toBeNull();
  });
});
