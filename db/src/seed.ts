import type { MediaStorage } from '@nongsan/media';
import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from './client.ts';
import { schema } from './index.ts';
import { seedCatalogue } from './seed-catalogue.ts';

/**
 * Demo data for the embedded default: real places and the kinds of growers nongsan is for.
 * Ids are fixed so seeding is idempotent: every insert skips rows that already exist, and a
 * second start changes nothing.
 */
const DEMO_USERS = [
  { id: 'usr_demo_hoa', phone: '+84912000001', name: 'Nguyễn Thị Hoa' },
  { id: 'usr_demo_minh', phone: '+84912000002', name: 'Trần Văn Minh' },
  { id: 'usr_demo_lan', phone: '+84912000003', name: 'Hoàng Thị Lan' },
  { id: 'usr_demo_hung', phone: '+84912000004', name: 'Phạm Văn Hưng' },
  { id: 'usr_demo_thu', phone: '+84912000005', name: 'Đinh Thị Thu' },
  { id: 'usr_demo_quang', phone: '+84912000006', name: 'Ma Văn Quang' },
  { id: 'usr_demo_mai', phone: '+84912000007', name: 'Vũ Thị Mai' },
  { id: 'usr_demo_son', phone: '+84912000008', name: 'Lò Văn Sơn' },
] as const;

type SellerSeed = typeof schema.sellers.$inferInsert;

const DEMO_SELLERS: Omit<SellerSeed, 'createdAt' | 'updatedAt'>[] = [
  {
    id: 'sel_demo_tancuong',
    kind: 'cooperative',
    ownerUserId: 'usr_demo_hoa',
    name: 'HTX Chè Tân Cương',
    provinceId: 'thai-nguyen',
    commune: 'Xã Tân Cương',
    lat: 21.5781,
    lng: 105.7689,
    bio: 'Hợp tác xã của 40 hộ trồng chè Tân Cương, sao chè bằng tay theo cách truyền thống. Chè đạt chứng nhận VietGAP và OCOP 4 sao.',
    pickupAddress: 'Xóm Hồng Thái 2, xã Tân Cương, Thái Nguyên',
    pickupHours: 'Thứ 2 – Thứ 7, 7:00 – 17:00',
    // The cooperative ships tea by courier; a big order travels free.
    offersDelivery: true,
    deliveryFeeVnd: 30_000,
    freeDeliveryOverVnd: 1_000_000,
  },
  {
    id: 'sel_demo_labang',
    kind: 'farmer',
    ownerUserId: 'usr_demo_hung',
    name: 'Chè La Bằng nhà anh Hưng',
    provinceId: 'thai-nguyen',
    commune: 'Xã La Bằng',
    lat: 21.7239,
    lng: 105.6131,
    bio: 'Đồi chè dưới chân núi Tam Đảo, hái một tôm hai lá, sao trong ngày.',
    pickupAddress: 'Xóm Đồng Tiến, xã La Bằng, Thái Nguyên',
    pickupHours: 'Hằng ngày 8:00 – 18:00',
  },
  {
    id: 'sel_demo_phubinh',
    kind: 'farmer',
    ownerUserId: 'usr_demo_thu',
    name: 'Vườn bưởi và rau sạch chị Thu',
    provinceId: 'thai-nguyen',
    commune: 'Xã Phú Bình',
    lat: 21.4886,
    lng: 105.9639,
    bio: 'Bưởi Diễn, rau cải và rau muống trồng theo hướng hữu cơ, không phun thuốc diệt cỏ.',
    pickupAddress: 'Xóm Trại, xã Phú Bình, Thái Nguyên',
    pickupHours: 'Sáng 6:00 – 9:00, chiều 15:00 – 18:00',
    // Vegetables go out by motorbike around Phú Bình and Thái Nguyên city (zones below; this is their summary).
    offersDelivery: true,
    deliveryFeeVnd: 15_000,
    freeDeliveryOverVnd: 300_000,
  },
  {
    id: 'sel_demo_backan',
    kind: 'farmer',
    ownerUserId: 'usr_demo_quang',
    name: 'Gạo nếp và miến dong Ba Bể',
    // Bắc Kạn has been part of Thái Nguyên since 2025; growers there still say "Bắc Kạn".
    provinceId: 'thai-nguyen',
    commune: 'Xã Ba Bể',
    lat: 22.4043,
    lng: 105.6244,
    bio: 'Nếp cẩm, nếp cái hoa vàng và miến dong làm tay của đồng bào Tày quanh hồ Ba Bể.',
    pickupAddress: 'Thôn Pác Ngòi, xã Ba Bể',
    pickupHours: 'Thứ 2 – Chủ nhật, 7:00 – 17:00',
  },
  {
    id: 'sel_demo_meovac',
    kind: 'farmer',
    ownerUserId: 'usr_demo_son',
    name: 'Mật ong bạc hà Mèo Vạc',
    provinceId: 'tuyen-quang',
    commune: 'Xã Mèo Vạc',
    lat: 23.1612,
    lng: 105.4094,
    bio: 'Mật ong hoa bạc hà trên cao nguyên đá, thu mỗi năm một vụ vào tháng 11 – 12.',
    pickupAddress: 'Thị trấn Mèo Vạc cũ, Tuyên Quang',
    pickupHours: 'Gọi trước khi đến',
  },
  {
    id: 'sel_demo_bacgiang',
    kind: 'farmer',
    ownerUserId: 'usr_demo_mai',
    name: 'Vải thiều và nấm hương Lục Ngạn',
    provinceId: 'bac-ninh',
    commune: 'Xã Lục Ngạn',
    lat: 21.3793,
    lng: 106.5532,
    bio: 'Vườn vải thiều ba đời, mùa vải tháng 6; ngoài vụ có nấm hương rừng và măng khô.',
    pickupAddress: 'Thôn Kim Sơn, xã Lục Ngạn, Bắc Ninh',
    pickupHours: '7:00 – 19:00',
  },
];

const DEMO_MEMBERS: (typeof schema.cooperativeMembers.$inferInsert)[] = [
  {
    id: 'mem_demo_hoa',
    cooperativeId: 'sel_demo_tancuong',
    userId: 'usr_demo_hoa',
    phone: '+84912000001',
    name: 'Nguyễn Thị Hoa',
    role: 'manager',
  },
  {
    id: 'mem_demo_minh',
    cooperativeId: 'sel_demo_tancuong',
    userId: 'usr_demo_minh',
    phone: '+84912000002',
    name: 'Trần Văn Minh',
    role: 'staff',
  },
  {
    id: 'mem_demo_lan',
    cooperativeId: 'sel_demo_tancuong',
    userId: 'usr_demo_lan',
    phone: '+84912000003',
    name: 'Hoàng Thị Lan',
    role: 'member',
  },
  // Older growers without a phone: the cooperative lists and sells for them.
  { id: 'mem_demo_tam', cooperativeId: 'sel_demo_tancuong', name: 'Lê Thị Tám', role: 'member' },
  { id: 'mem_demo_hungdo', cooperativeId: 'sel_demo_tancuong', name: 'Đỗ Văn Hùng', role: 'member' },
  { id: 'mem_demo_nga', cooperativeId: 'sel_demo_tancuong', name: 'Nông Thị Nga', role: 'member' },
  // Added by phone before she ever signed in: the membership becomes hers at her first sign-in.
  // Not 0912 000 009: that is the demo operator's phone (scripts/start.mjs), and whoever signs in
  // with it to try the operator's pages must not also become a Tân Cương member.
  {
    id: 'mem_demo_bich',
    cooperativeId: 'sel_demo_tancuong',
    phone: '+84912000010',
    name: 'Dương Thị Bích',
    role: 'member',
  },
];

type ZoneSeed = Omit<typeof schema.deliveryZones.$inferInsert, 'createdAt'>;

/** The demo sellers' delivery zones; the sellers' summary columns above agree with them. */
const DEMO_ZONES: ZoneSeed[] = [
  {
    id: 'dzn_demo_tancuong_tinh',
    sellerId: 'sel_demo_tancuong',
    position: 0,
    name: 'Cả tỉnh Thái Nguyên',
    provinceIds: ['thai-nguyen'],
    rate: { kind: 'flat', feeVnd: 30_000 },
    freeOverVnd: 1_000_000,
  },
  {
    // Tea to the cities by courier, priced by the parcel's weight.
    id: 'dzn_demo_tancuong_cities',
    sellerId: 'sel_demo_tancuong',
    position: 1,
    name: 'Hà Nội, Bắc Ninh, TP Hồ Chí Minh',
    provinceIds: ['ha-noi', 'bac-ninh', 'ho-chi-minh'],
    rate: {
      kind: 'weight',
      bands: [
        { upToGrams: 2000, feeVnd: 35_000 },
        { upToGrams: 5000, feeVnd: 50_000 },
        { upToGrams: null, feeVnd: 80_000 },
      ],
    },
    freeOverVnd: 1_000_000,
  },
  {
    id: 'dzn_demo_phubinh_tinh',
    sellerId: 'sel_demo_phubinh',
    position: 0,
    name: 'Thái Nguyên',
    provinceIds: ['thai-nguyen'],
    rate: { kind: 'flat', feeVnd: 15_000 },
    freeOverVnd: 300_000,
  },
];

/**
 * Demo sellers, cooperative members and the demo catalogue (listings, lots, certifications and
 * photos drawn locally into `media`). Safe to run on every start.
 */
export async function seedDemo(db: Db, options: { now: Date; media: MediaStorage }): Promise<void> {
  const now = options.now;
  await db.transaction(async (tx) => {
    await tx
      .insert(schema.users)
      .values(DEMO_USERS.map((u) => ({ ...u, createdAt: now })))
      .onConflictDoNothing();
    await tx
      .insert(schema.sellers)
      .values(DEMO_SELLERS.map((s) => ({ ...s, createdAt: now, updatedAt: now })))
      .onConflictDoNothing();
    await tx
      .insert(schema.deliveryZones)
      .values(DEMO_ZONES.map((z) => ({ ...z, createdAt: now })))
      .onConflictDoNothing();
    await tx
      .insert(schema.cooperativeMembers)
      .values(DEMO_MEMBERS.map((m) => ({ ...m, createdAt: now })))
      .onConflictDoNothing();
    // Demo databases seeded before the phone above changed: move the unclaimed invitation.
    await tx
      .update(schema.cooperativeMembers)
      .set({ phone: '+84912000010' })
      .where(
        and(
          eq(schema.cooperativeMembers.id, 'mem_demo_bich'),
          eq(schema.cooperativeMembers.phone, '+84912000009'),
          isNull(schema.cooperativeMembers.userId),
        ),
      );
  });
  await seedCatalogue(db, { now, media: options.media });
}
