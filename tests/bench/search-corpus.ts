// A synthetic catalogue for the search benchmark: listings composed the way growers title them
// (product, variety, place, a qualifier), priced by category, spread over the 34 provinces with
// coordinates around each province's centre. Deterministic for a given seed, so runs compare.
import type { SearchDocument } from '@nongsan/contracts';
import { CATEGORIES } from '@nongsan/contracts';
import { findProvinceById } from '@nongsan/vn';

type CategoryId = SearchDocument['category'];
type UnitId = SearchDocument['unit'];

type Product = { names: string[]; varieties: string[]; unit: UnitId; price: [number, number] };

const PRODUCTS: Record<CategoryId, Product[]> = {
  tea: [
    {
      names: ['Chè', 'Trà', 'Chè búp', 'Trà xanh'],
      varieties: ['Tân Cương', 'móc câu', 'Shan tuyết', 'nõn tôm', 'đinh', 'La Bằng', 'Trại Cài', 'Phú Thọ'],
      unit: 'kg',
      price: [150_000, 1_500_000],
    },
    {
      names: ['Trà ô long', 'Trà sen', 'Trà lài', 'Trà thảo mộc'],
      varieties: ['Lâm Đồng', 'Tây Hồ', 'thượng hạng', 'túi lọc'],
      unit: 'pack_200g',
      price: [60_000, 400_000],
    },
  ],
  rice: [
    {
      names: ['Gạo', 'Gạo nếp', 'Nếp', 'Gạo lứt'],
      varieties: [
        'ST25',
        'tám thơm',
        'Bắc Hương',
        'nàng hoa',
        'séng cù',
        'nếp cái hoa vàng',
        'Điện Biên',
        'nương',
        'Hải Hậu',
        'Jasmine',
      ],
      unit: 'kg',
      price: [18_000, 60_000],
    },
    { names: ['Thóc', 'Lúa'], varieties: ['giống', 'nếp', 'tẻ'], unit: 'kg', price: [8_000, 20_000] },
  ],
  vegetables: [
    {
      names: ['Rau cải', 'Rau muống', 'Rau ngót', 'Rau dền', 'Rau lang', 'Cải ngọt', 'Cải bẹ xanh', 'Rau dương xỉ'],
      varieties: ['sạch', 'thủy canh', 'hữu cơ', 'Đà Lạt', 'Mộc Châu'],
      unit: 'bunch',
      price: [8_000, 30_000],
    },
    {
      names: [
        'Bắp cải',
        'Su hào',
        'Cà chua',
        'Dưa chuột',
        'Dưa leo',
        'Bí đỏ',
        'Bí ngô',
        'Mướp đắng',
        'Khổ qua',
        'Cà tím',
      ],
      varieties: ['Đà Lạt', 'bi', 'ghép', 'baby', 'hữu cơ'],
      unit: 'kg',
      price: [10_000, 45_000],
    },
    {
      names: ['Khoai lang', 'Khoai tây', 'Khoai môn', 'Măng tươi', 'Ngô ngọt', 'Bắp', 'Su su', 'Đậu cô ve', 'Đậu que'],
      varieties: ['mật', 'tím Nhật', 'Đà Lạt', 'nếp', 'rừng'],
      unit: 'kg',
      price: [12_000, 60_000],
    },
  ],
  fruit: [
    {
      names: ['Bưởi', 'Cam', 'Quýt', 'Chanh'],
      varieties: ['Diễn', 'da xanh', 'Năm Roi', 'Cao Phong', 'sành', 'Phúc Trạch', 'đường', 'không hạt'],
      unit: 'kg',
      price: [25_000, 90_000],
    },
    {
      names: ['Xoài', 'Vải thiều', 'Nhãn', 'Sầu riêng', 'Thanh long', 'Chôm chôm', 'Măng cụt', 'Ổi'],
      varieties: ['cát Hòa Lộc', 'Lục Ngạn', 'lồng Hưng Yên', 'Ri6', 'Monthong', 'ruột đỏ', 'tứ quý', 'Thái'],
      unit: 'kg',
      price: [20_000, 250_000],
    },
    {
      names: ['Dứa', 'Khóm', 'Na', 'Mãng cầu', 'Mận', 'Roi', 'Hồng xiêm', 'Bơ', 'Dừa', 'Dưa hấu', 'Chuối'],
      varieties: ['Tam Điệp', 'Chi Lăng', 'hậu', 'booth', 'xiêm', 'Long An', 'tiêu', 'sáp'],
      unit: 'kg',
      price: [15_000, 120_000],
    },
  ],
  mushrooms: [
    {
      names: ['Nấm hương', 'Nấm rơm', 'Nấm mèo', 'Mộc nhĩ', 'Nấm linh chi', 'Nấm kim châm', 'Nấm đùi gà'],
      varieties: ['rừng', 'khô', 'tươi', 'Cao Bằng', 'Lạng Sơn'],
      unit: 'pack_500g',
      price: [40_000, 600_000],
    },
  ],
  honey: [
    {
      names: ['Mật ong', 'Mật ong rừng', 'Mật ong hoa nhãn', 'Mật ong bạc hà', 'Sáp ong'],
      varieties: ['nguyên chất', 'Hà Giang', 'U Minh', 'Tây Bắc', 'hoa cà phê'],
      unit: 'bottle',
      price: [120_000, 700_000],
    },
  ],
  dried: [
    {
      names: ['Đường phèn', 'Đường mía', 'Lạc', 'Đậu phộng', 'Vừng', 'Mè', 'Hạt điều', 'Măng khô', 'Miến dong'],
      varieties: ['Quảng Ngãi', 'Bình Phước', 'rang muối', 'đen', 'trắng', 'loại to', 'Nghệ An'],
      unit: 'pack_500g',
      price: [30_000, 350_000],
    },
    {
      names: ['Đỗ xanh', 'Đậu xanh', 'Đỗ đen', 'Đậu đen', 'Đậu nành', 'Bột ngọt', 'Mì chính'],
      varieties: ['tách vỏ', 'hạt to', 'quê'],
      unit: 'kg',
      price: [25_000, 90_000],
    },
  ],
  meat_eggs: [
    {
      names: ['Thịt lợn', 'Thịt heo', 'Gà đồi', 'Gà ri', 'Vịt', 'Lợn rừng', 'Heo rừng', 'Thịt trâu gác bếp', 'Thịt bò'],
      varieties: ['thả vườn', 'Mường', 'bản', 'Tây Bắc', 'sạch'],
      unit: 'kg',
      price: [90_000, 900_000],
    },
    {
      names: ['Trứng gà', 'Trứng vịt', 'Hột vịt lộn', 'Trứng gà ta'],
      varieties: ['ta', 'thả vườn', 'sạch'],
      unit: 'ten',
      price: [25_000, 60_000],
    },
  ],
  seafood: [
    {
      names: ['Cá lóc', 'Cá quả', 'Cá chuối', 'Tôm sú', 'Tôm càng xanh', 'Cá tra', 'Cua đồng', 'Cá rô đồng', 'Lươn'],
      varieties: ['đồng', 'tươi sống', 'một nắng', 'Cà Mau', 'miền Tây'],
      unit: 'kg',
      price: [60_000, 600_000],
    },
  ],
  herbs_spices: [
    {
      names: ['Gừng', 'Nghệ', 'Sả', 'Ớt', 'Tỏi', 'Quế', 'Hồi', 'Đinh lăng', 'Rau mùi', 'Ngò rí', 'Hạt tiêu', 'Sâm'],
      varieties: ['Lý Sơn', 'Văn Yên', 'Lạng Sơn', 'Phú Quốc', 'Ngọc Linh', 'núi'],
      unit: 'kg',
      price: [20_000, 900_000],
    },
  ],
  plants: [
    {
      names: [
        'Cây giống bưởi',
        'Cây giống chè',
        'Cây giống cà phê',
        'Cây giống sầu riêng',
        'Cây giống xoài',
        'Cây giống bơ',
      ],
      varieties: ['ghép', 'chiết', 'F1', 'Ri6', 'Tân Cương'],
      unit: 'plant',
      price: [15_000, 150_000],
    },
  ],
  other: [
    {
      names: ['Cà phê', 'Cà phê Robusta', 'Cà phê Arabica', 'Ca cao', 'Tinh dầu sả', 'Rượu nếp'],
      varieties: ['Buôn Ma Thuột', 'Cầu Đất', 'rang xay', 'nguyên hạt', 'Sơn La'],
      unit: 'pack_500g',
      price: [60_000, 400_000],
    },
  ],
};

const QUALIFIERS = [
  'loại 1',
  'hữu cơ',
  'sạch',
  'tươi',
  'ngon',
  'đặc sản',
  'nhà trồng',
  'thơm',
  'vụ mới',
  'chính gốc',
  'giá tại vườn',
  'gia truyền',
  'nguyên chất',
  'không thuốc',
  'mới thu hoạch',
];

const SENTENCES = [
  'Sản phẩm được trồng tại {place}, thu hoạch {when}.',
  'Giao hàng toàn quốc, nhận đặt theo {unit}.',
  'Gia đình tôi làm {product} đã ba đời, không dùng thuốc kích thích.',
  'Hàng tuyển chọn kỹ, đóng gói cẩn thận trước khi gửi.',
  'Đạt tiêu chuẩn an toàn thực phẩm, có truy xuất nguồn gốc.',
  'Hợp tác xã bao tiêu đầu ra cho bà con trong xã.',
  '{product} {place} nổi tiếng thơm ngon, được nhiều người ưa chuộng.',
  'Nhận ship nhanh trong ngày tại {place}.',
];
const WHEN = ['sáng nay', 'trong tuần', 'theo mùa', 'đầu vụ', 'cuối vụ'];

const SURNAMES = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Vũ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ', 'Ngô', 'Lò', 'Ma', 'Hà'];
const MIDDLE = ['Văn', 'Thị', 'Đức', 'Minh', 'Thu', 'Ngọc', 'Hữu'];
const GIVEN = [
  'Hoa',
  'Minh',
  'Lan',
  'Hưng',
  'Thu',
  'Quang',
  'Mai',
  'Sơn',
  'Tùng',
  'Hạnh',
  'Dũng',
  'Phương',
  'Bình',
  'Cường',
];

/** Approximate centres of the 34 provinces (after the 2025 merger), for realistic distances. */
const PROVINCE_CENTRES: Record<string, [number, number, number]> = {
  // id: [lat, lng, relative weight of listings]
  'ha-noi': [21.03, 105.85, 6],
  hue: [16.46, 107.59, 2],
  'hai-phong': [20.86, 106.68, 3],
  'da-nang': [15.9, 108.1, 3],
  'ho-chi-minh': [10.82, 106.63, 6],
  'can-tho': [10.03, 105.78, 4],
  'lai-chau': [22.4, 103.45, 1],
  'dien-bien': [21.39, 103.02, 1],
  'son-la': [21.33, 103.9, 3],
  'lang-son': [21.85, 106.76, 2],
  'quang-ninh': [21.0, 107.3, 2],
  'thanh-hoa': [19.8, 105.78, 3],
  'nghe-an': [19.0, 105.0, 3],
  'ha-tinh': [18.34, 105.9, 2],
  'cao-bang': [22.67, 106.26, 1],
  'tuyen-quang': [22.2, 105.2, 2],
  'lao-cai': [22.0, 104.3, 2],
  'thai-nguyen': [21.7, 105.8, 8],
  'phu-tho': [21.2, 105.3, 3],
  'bac-ninh': [21.2, 106.2, 3],
  'hung-yen': [20.6, 106.2, 3],
  'ninh-binh': [20.3, 106.0, 3],
  'quang-tri': [17.2, 106.6, 2],
  'quang-ngai': [14.9, 108.3, 2],
  'gia-lai': [14.0, 108.3, 3],
  'khanh-hoa': [12.0, 109.0, 2],
  'lam-dong': [11.9, 108.1, 5],
  'dak-lak': [12.9, 108.5, 4],
  'dong-nai': [11.1, 107.0, 3],
  'tay-ninh': [11.0, 106.0, 3],
  'vinh-long': [10.1, 106.2, 3],
  'dong-thap': [10.4, 105.8, 3],
  'ca-mau': [9.2, 105.2, 2],
  'an-giang': [10.3, 105.2, 3],
};

/** mulberry32: small, fast, good enough to make a varied but repeatable catalogue. */
function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Seller = {
  id: string;
  /** Most of a seller's listings are in its own line of produce, as with real farms. */
  category: CategoryId;
  name: string;
  kind: 'farmer' | 'cooperative';
  provinceId: string;
  provinceName: string;
  location: { lat: number; lng: number } | null;
  certifications: SearchDocument['certifications'];
};

export function generateCatalogue(count: number, seed = 20261127): SearchDocument[] {
  return [...generateListings(count, seed)];
}

/**
 * The same catalogue one listing at a time, so a million need not sit in memory at once (the
 * benchmark indexes them in batches as they come).
 */
export function* generateListings(count: number, seed = 20261127): Generator<SearchDocument> {
  const random = prng(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const chance = (p: number) => random() < p;

  const provinceIds = Object.keys(PROVINCE_CENTRES);
  const weights = provinceIds.map((id) => PROVINCE_CENTRES[id]?.[2] ?? 1);
  const totalWeight = weights.reduce((a, b) => a + b, 0);
  const pickProvince = () => {
    let r = random() * totalWeight;
    for (let i = 0; i < provinceIds.length; i++) {
      r -= weights[i] ?? 0;
      if (r <= 0) return provinceIds[i] as string;
    }
    return provinceIds[0] as string;
  };

  const categoryIds = CATEGORIES.map((c) => c.id);
  const sellers: Seller[] = [];
  const sellerCount = Math.max(10, Math.round(count / 30));
  for (let i = 0; i < sellerCount; i++) {
    const provinceId = pickProvince();
    const province = findProvinceById(provinceId);
    if (!province) throw new Error(`unknown province ${provinceId}`);
    const [lat, lng] = PROVINCE_CENTRES[provinceId] ?? [16, 106];
    const kind = chance(0.2) ? 'cooperative' : 'farmer';
    const person = `${pick(SURNAMES)} ${pick(MIDDLE)} ${pick(GIVEN)}`;
    const category = pick(categoryIds);
    const product = pick(PRODUCTS[category] ?? []).names[0] ?? 'Nông sản';
    const name =
      kind === 'cooperative'
        ? `HTX ${product} ${province.name}`
        : pick([`Vườn nhà ${person}`, `Trang trại ${person}`, `${product} nhà ${person.split(' ').pop()}`]);
    const certifications: Seller['certifications'] = [];
    if (chance(0.3)) certifications.push('vietgap');
    if (chance(0.1)) certifications.push('organic');
    if (chance(0.12)) certifications.push('ocop');
    if (chance(0.03)) certifications.push('globalgap');
    sellers.push({
      id: `sel_bench_${i.toString(36).padStart(5, '0')}`,
      category,
      name,
      kind,
      provinceId,
      provinceName: province.name,
      location: chance(0.9) ? { lat: lat + (random() - 0.5) * 0.8, lng: lng + (random() - 0.5) * 0.8 } : null,
      certifications,
    });
  }

  const start = Date.parse('2024-11-27T00:00:00Z');
  const span = 2 * 365 * 24 * 3600 * 1000;
  for (let i = 0; i < count; i++) {
    const seller = pick(sellers);
    const category = chance(0.8) ? seller.category : pick(categoryIds);
    const product = pick(PRODUCTS[category] ?? []);
    const name = pick(product.names);
    const parts = [name];
    if (chance(0.7)) parts.push(pick(product.varieties));
    if (chance(0.35)) parts.push(seller.provinceName);
    if (chance(0.5)) parts.push(pick(QUALIFIERS));
    const title = parts.join(' ');
    const unitName = product.unit === 'kg' ? 'kg' : 'gói';
    const sentences = Array.from({ length: 1 + Math.floor(random() * 3) }, () =>
      pick(SENTENCES)
        .replaceAll('{place}', chance(0.5) ? seller.provinceName : pick(product.varieties))
        .replaceAll('{when}', pick(WHEN))
        .replaceAll('{unit}', unitName)
        .replaceAll('{product}', name.toLowerCase()),
    );
    const [low, high] = product.price;
    const priceVnd = Math.round((low + random() * (high - low)) / 1000) * 1000;
    const inStock = chance(0.85);
    const createdAt = new Date(start + Math.floor(random() * span));
    yield {
      id: `lst_bench_${i.toString(36).padStart(6, '0')}`,
      title,
      description: sentences.join(' '),
      category,
      categoryName: CATEGORIES.find((c) => c.id === category)?.vi,
      unit: product.unit,
      priceVnd,
      sellerId: seller.id,
      sellerName: seller.name,
      sellerKind: seller.kind,
      provinceId: seller.provinceId,
      provinceName: seller.provinceName,
      certifications: seller.certifications.filter(() => chance(0.8)),
      inStock,
      status: inStock ? 'active' : 'sold_out',
      location: seller.location,
      harvestedAt: chance(0.5) ? createdAt.toISOString().slice(0, 10) : null,
      createdAt: createdAt.toISOString(),
      photo: null,
    };
  }
}
