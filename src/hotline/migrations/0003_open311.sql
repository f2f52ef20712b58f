-- The Open311 GeoReport v2 interface of the hotline. Ticket categories are its services (service_code): each
-- files as one ticket kind and may name the department such tickets usually go to; its attributes are the
-- extra questions the category asks (the spec's datatypes). A ticket may carry its category.
CREATE TABLE ticket_categories (
  code TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  group_name TEXT NOT NULL DEFAULT '',
  keywords TEXT NOT NULL DEFAULT '',
  kind TEXT NOT NULL CHECK (kind IN ('consult', 'complaint', 'help', 'suggestion', 'report')),
  department_id BIGINT REFERENCES departments(id),
  service_notice TEXT NOT NULL DEFAULT '',
  active INTEGER NOT NULL DEFAULT 1,
  sort_order INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE ticket_category_attributes (
  category_code TEXT NOT NULL REFERENCES ticket_categories(code),
  code TEXT NOT NULL,
  variable INTEGER NOT NULL DEFAULT 1,
  datatype TEXT NOT NULL CHECK (datatype IN ('string', 'number', 'datetime', 'text', 'singlevaluelist',
                                             'multivaluelist')),
  required INTEGER NOT NULL DEFAULT 0,
  datatype_description TEXT NOT NULL DEFAULT '',
  sort_order INTEGER NOT NULL,
  description TEXT NOT NULL,
  PRIMARY KEY (category_code, code),
  UNIQUE (category_code, sort_order)
);

-- The choices of a singlevaluelist or multivaluelist attribute.
CREATE TABLE ticket_category_values (
  category_code TEXT NOT NULL,
  attribute_code TEXT NOT NULL,
  value_key TEXT NOT NULL,
  value_name TEXT NOT NULL,
  sort_order INTEGER NOT NULL,
  PRIMARY KEY (category_code, attribute_code, value_key),
  FOREIGN KEY (category_code, attribute_code) REFERENCES ticket_category_attributes(category_code, code)
);

ALTER TABLE tickets ADD COLUMN category TEXT REFERENCES ticket_categories(code);
CREATE INDEX tickets_category ON tickets(category, created_at);

-- Keys of the clients allowed to file requests. Only the SHA-256 of a key is kept; its first characters
-- let an admin recognise it in a list.
CREATE TABLE open311_keys (
  id {{id}},
  name TEXT NOT NULL,
  key_hash TEXT NOT NULL UNIQUE,
  key_prefix TEXT NOT NULL,
  created_at TEXT NOT NULL,
  created_by BIGINT REFERENCES accounts(id),
  revoked_at TEXT NOT NULL DEFAULT '',
  revoked_by BIGINT REFERENCES accounts(id)
);

-- What a request filed through Open311 brings beyond the ticket: the client's key, the opaque token that
-- leads back to the ticket, the answers to the category's attributes, and the submitter's contact data
-- (email, device_id, account_ref: personal, never shown in public reads).
CREATE TABLE open311_requests (
  ticket_id BIGINT PRIMARY KEY REFERENCES tickets(id),
  token TEXT NOT NULL UNIQUE,
  key_id BIGINT NOT NULL REFERENCES open311_keys(id),
  address_id TEXT NOT NULL DEFAULT '',
  media_url TEXT NOT NULL DEFAULT '',
  email TEXT NOT NULL DEFAULT '',
  device_id TEXT NOT NULL DEFAULT '',
  account_ref TEXT NOT NULL DEFAULT '',
  attributes TEXT NOT NULL DEFAULT '{}'
);

INSERT INTO ticket_categories (code, name, description, group_name, keywords, kind, service_notice, sort_order)
VALUES
  ('road_damage', '道路破损', '城乡道路、人行道的坑洼、开裂、塌陷和井盖缺失。', '市政设施', '道路,坑洼,塌陷,井盖,人行道',
   'help', '热线中心受理后派至住房和城乡建设局或所在乡镇，一般在 3 个工作日内处理。', 1),
  ('street_light', '路灯故障', '路灯不亮、闪烁、白天常亮或灯杆损坏。', '市政设施', '路灯,照明,灯杆',
   'help', '热线中心受理后派至所在乡镇，一般在 3 个工作日内修复。', 2),
  ('garbage', '垃圾清运', '生活垃圾未按时清运、垃圾桶满溢或乱堆乱放。', '环境卫生', '垃圾,清运,垃圾桶,环卫',
   'complaint', '热线中心受理后派至所在乡镇，一般在 5 个工作日内处理。', 3),
  ('noise', '噪声扰民', '施工、经营、生活或交通噪声影响休息。', '环境卫生', '噪音,噪声,施工,扰民',
   'complaint', '夜间施工噪声由生态环境部门核查，一般在 5 个工作日内答复。', 4),
  ('water_supply', '供水问题', '停水、水压不足、水质异常或供水管道破裂。', '公用事业', '停水,水压,水质,自来水,爆管',
   'help', '供水管道破裂请同时拨打供水企业抢修电话，热线中心一般在 3 个工作日内处理。', 5),
  ('policy_consult', '政策咨询', '社保、医保、住房、教育等政策的咨询。', '政策咨询', '咨询,政策,社保,医保',
   'consult', '一般在 24 小时内答复。', 6),
  ('illegal_building', '违章建筑', '未经批准的搭建、加建和占用公共空间的建筑。', '城市管理', '违建,违章,搭建',
   'report', '热线中心受理后派至所在乡镇核查，一般在 15 个工作日内答复。', 7),
  ('suggestion', '意见建议', '对政府工作和公共服务的意见和建议。', '意见建议', '建议,意见',
   'suggestion', '一般在 15 个工作日内答复。', 8);

INSERT INTO ticket_category_attributes (category_code, code, variable, datatype, required, datatype_description,
                                        sort_order, description)
VALUES
  ('road_damage', 'damage_type', 1, 'singlevaluelist', 1, '', 1, '破损类型'),
  ('road_damage', 'area', 1, 'number', 0, '约多少平方米', 2, '破损面积'),
  ('street_light', 'fault', 1, 'singlevaluelist', 1, '', 1, '故障现象'),
  ('street_light', 'pole_no', 1, 'string', 0, '灯杆上喷涂的编号', 2, '灯杆编号'),
  ('garbage', 'days', 1, 'number', 0, '已有多少天未清运', 1, '未清运天数'),
  ('noise', 'source', 1, 'singlevaluelist', 1, '', 1, '噪声来源'),
  ('noise', 'period', 1, 'multivaluelist', 0, '', 2, '发生时段'),
  ('noise', 'since', 1, 'datetime', 0, 'ISO 8601 时间，带时区', 3, '开始时间'),
  ('water_supply', 'problem', 1, 'singlevaluelist', 1, '', 1, '问题类型'),
  ('water_supply', 'households', 1, 'number', 0, '受影响的大约户数', 2, '影响户数'),
  ('policy_consult', 'topic', 1, 'singlevaluelist', 1, '', 1, '咨询事项'),
  ('illegal_building', 'notice', 0, 'text', 0, '', 1, '请勿在描述中填写他人的姓名、电话和身份证号。'),
  ('illegal_building', 'details', 1, 'text', 0, '', 2, '建筑位置、规模和开始搭建的时间');

INSERT INTO ticket_category_values (category_code, attribute_code, value_key, value_name, sort_order)
VALUES
  ('road_damage', 'damage_type', 'pothole', '坑洼', 1),
  ('road_damage', 'damage_type', 'crack', '开裂', 2),
  ('road_damage', 'damage_type', 'collapse', '塌陷', 3),
  ('road_damage', 'damage_type', 'manhole', '井盖缺失或损坏', 4),
  ('street_light', 'fault', 'not_lit', '不亮', 1),
  ('street_light', 'fault', 'flicker', '闪烁', 2),
  ('street_light', 'fault', 'day_on', '白天常亮', 3),
  ('street_light', 'fault', 'pole_damaged', '灯杆损坏', 4),
  ('noise', 'source', 'construction', '建筑施工', 1),
  ('noise', 'source', 'business', '商业经营', 2),
  ('noise', 'source', 'residential', '社会生活', 3),
  ('noise', 'source', 'traffic', '交通运输', 4),
  ('noise', 'period', 'morning', '早晨', 1),
  ('noise', 'period', 'daytime', '白天', 2),
  ('noise', 'period', 'evening', '傍晚', 3),
  ('noise', 'period', 'night', '夜间（22 时至次日 6 时）', 4),
  ('water_supply', 'problem', 'outage', '停水', 1),
  ('water_supply', 'problem', 'low_pressure', '水压不足', 2),
  ('water_supply', 'problem', 'quality', '水质异常', 3),
  ('water_supply', 'problem', 'pipe_burst', '管道破裂', 4),
  ('policy_consult', 'topic', 'social_security', '社会保险', 1),
  ('policy_consult', 'topic', 'medical', '医疗保障', 2),
  ('policy_consult', 'topic', 'housing', '住房', 3),
  ('policy_consult', 'topic', 'education', '教育', 4),
  ('policy_consult', 'topic', 'other', '其他', 5);
