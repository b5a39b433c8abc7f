import { z } from 'zod';

// The catalogue taxonomy: fixed lists with Vietnamese and English names. Ids never change (they are
// stored in listings and in the database enums); names may be reworded freely. Vietnamese first,
// in the words northern growers use.

export type CatalogueEntry<Id extends string = string> = { id: Id; vi: string; en: string };

export const CATEGORIES = [
  { id: 'tea', vi: 'Chè, trà', en: 'Tea' },
  { id: 'rice', vi: 'Gạo, nếp', en: 'Rice' },
  { id: 'vegetables', vi: 'Rau, củ', en: 'Vegetables' },
  { id: 'fruit', vi: 'Hoa quả', en: 'Fruit' },
  { id: 'mushrooms', vi: 'Nấm', en: 'Mushrooms' },
  { id: 'honey', vi: 'Mật ong', en: 'Honey' },
  { id: 'dried', vi: 'Đồ khô', en: 'Dried goods' },
  { id: 'meat_eggs', vi: 'Thịt, trứng', en: 'Meat and eggs' },
  { id: 'seafood', vi: 'Thủy sản', en: 'Fish and seafood' },
  { id: 'herbs_spices', vi: 'Gia vị, dược liệu', en: 'Herbs and spices' },
  { id: 'plants', vi: 'Cây giống', en: 'Plants and seedlings' },
  { id: 'other', vi: 'Khác', en: 'Other' },
] as const satisfies readonly CatalogueEntry[];

export type CategoryId = (typeof CATEGORIES)[number]['id'];
export const CATEGORY_IDS = CATEGORIES.map((c) => c.id) as [CategoryId, ...CategoryId[]];
export const CategoryIdSchema = z.enum(CATEGORY_IDS);

/** What one unit of a listing is; prices are per unit and orders are whole units. */
export const UNITS = [
  { id: 'kg', vi: 'kg', en: 'kg' },
  { id: 'pack_500g', vi: 'gói 500 g', en: '500 g pack' },
  { id: 'pack_200g', vi: 'gói 200 g', en: '200 g pack' },
  { id: 'pack_100g', vi: 'gói 100 g', en: '100 g pack' },
  { id: 'bunch', vi: 'bó', en: 'bunch' },
  { id: 'piece', vi: 'quả', en: 'piece (fruit)' },
  { id: 'item', vi: 'cái', en: 'item' },
  { id: 'plant', vi: 'cây', en: 'plant' },
  { id: 'animal', vi: 'con', en: 'whole animal' },
  { id: 'ten', vi: 'chục', en: 'ten' },
  { id: 'box', vi: 'hộp', en: 'box' },
  { id: 'bag', vi: 'túi', en: 'bag' },
  { id: 'jar', vi: 'hũ', en: 'jar' },
  { id: 'bottle', vi: 'chai', en: 'bottle' },
  { id: 'litre', vi: 'lít', en: 'litre' },
] as const satisfies readonly CatalogueEntry[];

export type UnitId = (typeof UNITS)[number]['id'];
export const UNIT_IDS = UNITS.map((u) => u.id) as [UnitId, ...UnitId[]];
export const UnitIdSchema = z.enum(UNIT_IDS);

export const CatalogueEntrySchema = z.object({ id: z.string(), vi: z.string(), en: z.string() });

export function findCategory(id: string): CatalogueEntry<CategoryId> | undefined {
  return CATEGORIES.find((c) => c.id === id);
}

export function findUnit(id: string): CatalogueEntry<UnitId> | undefined {
  return UNITS.find((u) => u.id === id);
}
