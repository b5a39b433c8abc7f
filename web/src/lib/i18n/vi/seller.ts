// The public seller page (seller.*). Becoming a seller is in sell-signup.ts.
export const seller = {
  'seller.bio': 'Giới thiệu',
  'seller.pickup': 'Nhận hàng tại chỗ',
  'seller.pickupAddress': 'Nơi lấy hàng',
  'seller.pickupHours': 'Giờ nhận hàng',
  'seller.verified': 'Đã xác minh',
  'seller.members': '{n} thành viên',
  'seller.since': 'Tham gia nongsan từ {date}',
  'seller.listings': 'Đang bán',
  'seller.noListings': 'Người bán này chưa có sản phẩm nào đang bán.',
  'seller.listingsFailed': 'Chưa tải được sản phẩm của người bán. Hãy thử lại sau ít phút.',
  'seller.listingPages': 'Các trang sản phẩm',
} as const;
