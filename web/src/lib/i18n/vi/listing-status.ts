// A listing's status as its seller sees it: the seller's and the cooperative's listing pages.
export const listingStatus = {
  'myListings.status.active': 'Đang bán',
  'myListings.status.sold_out': 'Hết hàng',
  'myListings.status.draft': 'Tạm ẩn',
  'myListings.status.archived': 'Đã lưu trữ',
} as const;
