// Signing in with a phone number and a code.
export const auth = {
  'signIn.title': 'Đăng nhập',
  'signIn.lead': 'Dùng số điện thoại di động. Chúng tôi gửi mã 6 số qua tin nhắn — không cần mật khẩu.',
  'signIn.phone': 'Số điện thoại',
  'signIn.phoneHint': 'Ví dụ: 0912 345 678',
  'signIn.sendCode': 'Gửi mã',
  'signIn.codeSent': 'Đã gửi mã đến {phone}. Mã hết hạn sau {minutes} phút.',
  'signIn.codeSentTo': 'Mã đã gửi đến {phone}.',
  'signIn.code': 'Mã 6 số',
  'signIn.codeHint': 'Nhập 6 chữ số trong tin nhắn.',
  'signIn.name': 'Tên của bạn (không bắt buộc)',
  'signIn.nameHint': 'Để người bán và người mua biết gọi bạn là gì.',
  'signIn.submit': 'Đăng nhập',
  'signIn.resend': 'Gửi lại mã',
  'signIn.changePhone': 'Đổi số điện thoại',
  'signIn.devCode': 'Mã thử (chỉ khi phát triển): {code}',
  'signIn.resent': 'Đã gửi mã mới.',
} as const;
