// The account page.
export const account = {
  'account.title': 'Tài khoản',
  'account.name': 'Tên',
  'account.noName': 'Chưa có tên',
  'account.phone': 'Số điện thoại',
  'account.since': 'Tham gia từ',
  'account.sellers': 'Hồ sơ người bán',
  'account.noSellers': 'Bạn chưa có hồ sơ người bán.',
  'account.becomeSeller': 'Đăng ký bán hàng',
  'account.addSeller': 'Tạo thêm hồ sơ',
  'account.viewPublic': 'Xem trang công khai',
  'account.myListings': 'Sản phẩm của tôi',
  'account.newListing': 'Đăng bán',
  'account.signOut': 'Đăng xuất',
  'account.created': 'Đã tạo hồ sơ “{name}”.',
  'account.addresses': 'Sổ địa chỉ nhận hàng',
  'account.operator': 'Bạn là quản trị viên.',
} as const;
