-- Each seller that delivered had one flat fee (and a free-delivery amount) for any address. Issue 15
-- replaces that with delivery zones; so that nothing changes for an existing seller, its terms become
-- one zone covering all 34 provinces with the same flat fee and free-over amount (decision 30). The
-- seller's summary columns keep the same values, which is what the zone summarises to.
INSERT INTO "delivery_zones" ("id", "seller_id", "position", "name", "province_ids", "rate", "free_over_vnd")
SELECT 'dzn_' || substr(md5("id"), 1, 20), "id", 0, 'Toàn quốc',
  ARRAY['ha-noi','hue','hai-phong','da-nang','ho-chi-minh','can-tho','lai-chau','dien-bien','son-la','lang-son','quang-ninh','thanh-hoa','nghe-an','ha-tinh','cao-bang','tuyen-quang','lao-cai','thai-nguyen','phu-tho','bac-ninh','hung-yen','ninh-binh','quang-tri','quang-ngai','gia-lai','khanh-hoa','lam-dong','dak-lak','dong-nai','tay-ninh','vinh-long','dong-thap','ca-mau','an-giang']::text[],
  jsonb_build_object('kind', 'flat', 'feeVnd', "delivery_fee_vnd"),
  "free_delivery_over_vnd"
FROM "sellers" WHERE "offers_delivery";
