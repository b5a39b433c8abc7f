// Becoming a seller: the sign-up form for a farm or a cooperative (seller pages).
export const sellSignup = {
  'err.province': 'Không nhận ra tỉnh / thành này. Hãy chọn trong danh sách.',
  'sell.title': 'Đăng ký bán hàng',
  'sell.lead': 'Tạo hồ sơ người bán để đăng bán nông sản. Bạn có thể sửa thông tin sau.',
  'sell.existing': 'Bạn đã có: {names}.',
  'sell.kind': 'Bạn bán với tư cách',
  'sell.kindFarmerHint': 'Một gia đình, một trang trại',
  'sell.kindCoopHint': 'Bán chung cho nhiều thành viên',
  'sell.name': 'Tên hiển thị',
  'sell.nameHint': 'Ví dụ: Chè nhà bà Lan, HTX Chè Tân Cương',
  'sell.province': 'Tỉnh / thành phố',
  'sell.provinceChoose': 'Chọn tỉnh / thành phố',
  'sell.provinceFormer': '{name} (gồm {former})',
  'sell.provinceHint': 'Theo địa giới từ 01/07/2025. Tỉnh cũ nằm trong tên mới, ví dụ Bắc Kạn nay thuộc Thái Nguyên.',
  'sell.commune': 'Xã / phường (không bắt buộc)',
  'sell.bio': 'Giới thiệu (không bắt buộc)',
  'sell.bioHint': 'Bạn trồng gì, trồng thế nào, đã bao lâu.',
  // The pickup point, where buyers come for the goods: not "Địa chỉ nhận hàng", which is the
  // buyer's delivery address at checkout.
  'sell.pickupAddress': 'Nơi khách đến lấy hàng (không bắt buộc)',
  'sell.pickupAddressHint': 'Thôn, xóm, xã. Tỉnh được thêm vào theo hồ sơ.',
  'sell.pickupHours': 'Giờ khách đến lấy (không bắt buộc)',
  'sell.pickupHoursHint': 'Ví dụ: 7:00–17:00, thứ Hai đến thứ Bảy',
  'sell.submit': 'Tạo hồ sơ',
  'err.kind': 'Hãy chọn Nông hộ hoặc Hợp tác xã.',
  'err.farmerExists': 'Bạn đã có một hồ sơ nông hộ. Mỗi người chỉ có một hồ sơ nông hộ.',
} as const;
