// The home page.
export const home = {
  'home.title': 'nongsan — nông sản thẳng từ nhà vườn',
  'home.hero': 'Nông sản tươi, mua thẳng từ nhà vườn và hợp tác xã',
  'home.lead':
    'Chè, gạo, rau, trái cây, mật ong, măng… bán bởi chính người trồng. Không qua nhiều lớp trung gian: người trồng được giá hơn, người mua biết rõ hàng từ đâu.',
  'home.start': 'Khởi đầu từ Thái Nguyên',
  'home.startBody':
    'nongsan bắt đầu từ Thái Nguyên — quê chè Tân Cương — nơi nhiều nhà vườn và hợp tác xã đang đưa nông sản lên mạng. Ai trồng ở đâu cũng có thể đăng ký bán.',
  'home.sellers.title': 'Cho nhà vườn',
  'home.sellers.body':
    'Đăng nhập bằng số điện thoại, tạo hồ sơ người bán trong một phút. Đăng bán sản phẩm bằng ảnh chụp từ điện thoại.',
  'home.coops.title': 'Cho hợp tác xã',
  'home.coops.body':
    'Quản lý thành viên, kể cả người không có điện thoại. Nhận hàng theo lô, bán thay thành viên và chia tiền đúng phần mỗi người.',
  'home.buyers.title': 'Cho người mua',
  'home.buyers.body':
    'Tìm hàng bằng tiếng Việt có dấu hay không dấu, đặt hàng từ nhiều nhà vườn trong một giỏ, trả tiền khi nhận hàng hoặc chuyển khoản.',
  'home.trust.title': 'Minh bạch',
  'home.trust.body':
    'Chứng nhận VietGAP, hữu cơ, OCOP chỉ hiện là “đã xác minh” sau khi ban quản trị kiểm tra giấy tờ.',
  'home.openSource': 'nongsan là phần mềm mã nguồn mở.',
  'home.cta.sell': 'Đăng ký bán hàng',
  'home.cta.signIn': 'Đăng nhập',
  'home.cta.account': 'Tài khoản của tôi',
  'home.categories': 'Mua theo loại hàng',
  'home.fresh': 'Hàng mới lên',
  'home.freshAll': 'Xem tất cả',
} as const;
