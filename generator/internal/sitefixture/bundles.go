package sitefixture

// BundleSite is a valid version-2 site with 一件事 (bundles): three member
// guides with shared materials and e_licenses, a bundle whose one set of
// materials is derived from all three, and a bundle with its own agreed
// [[materials]]. Its figures, worked out by hand, are in the comments of
// the tests that use it (build's TestBundleSite).
const BundleSite = `
-- config.toml --
title = "一件事测试站点"
base_url = "https://example.gov.cn/"
language = "zh-CN"

[[regions]]
name = "舟山市"
code = "330900"

[[departments]]
name = "市卫健委"
region = "舟山市"

[[departments]]
name = "市公安局"
region = "舟山市"

[[departments]]
name = "市医保局"
region = "舟山市"
-- content/wjw/birth-cert.md --
+++
code = "330900-T-0001"
title = "出生医学证明首次签发"
department = "市卫健委"
region = "舟山市"
type = "公共服务"
audience = ["个人"]
updated = 2024-05-01

[service]
star = 4
visits = 1
online_url = "https://example.gov.cn/apply/t1"

[time]
legal_days = 10
promised_days = 3

[fee]
charged = false

[[materials]]
name = "签发登记表"
source = "申请人自备"

[[materials]]
name = "父母居民身份证"
source = "政府部门核发"
e_license = "居民身份证"

[[materials]]
name = "分娩记录"
source = "其他"
shared = true

[[locations]]
name = "妇幼保健院出生证明窗口"
address = "定沈路739号"
hours = "工作日 8:00-16:30"

[contact]
consult = ["0580-2026513"]
+++

## 申请条件

在本市助产机构出生的新生儿。
-- content/gaj/birth-registration.md --
+++
code = "330900-T-0002"
title = "出生登记"
department = "市公安局"
region = "舟山市"
type = "行政确认"
audience = ["个人"]
updated = 2024-05-02

[service]
star = 4
visits = 1
online_url = "https://example.gov.cn/apply/t2"

[time]
legal_days = 5
promised_days = 1

[fee]
charged = false

[[materials]]
name = "出生医学证明"
source = "政府部门核发"
shared = true

[[materials]]
name = "父母居民身份证"
source = "政府部门核发"
e_license = "居民身份证"

[[materials]]
name = "居民户口簿"
source = "政府部门核发"

[[materials]]
name = "分娩记录"
source = "其他"

[[locations]]
name = "派出所户籍窗口"
address = "人民北路10号"
hours = "工作日 8:30-17:00"

[contact]
consult = ["0580-2042110"]
+++

## 申请条件

出生一个月内申报。
-- content/ybj/enrolment.md --
+++
code = "330900-T-0003"
title = "新生儿医保参保登记"
department = "市医保局"
region = "舟山市"
type = "公共服务"
audience = ["个人"]
updated = 2024-05-03

[service]
star = 5
visits = 0
online_url = "https://example.gov.cn/apply/t3"

[time]
legal_days = 5
promised_days = 0

[fee]
charged = false

[[materials]]
name = "居民户口簿"
source = "政府部门核发"
shared = true

[[materials]]
name = "父母居民身份证"
source = "政府部门核发"
shared = true
e_license = "居民身份证"

[[materials]]
name = "参保登记表"
source = "申请人自备"

[contact]
consult = ["0580-2285160"]
+++

## 申请条件

已落户的新生儿。
-- content/yjs/newborn.md --
+++
kind = "一件事"
code = "330900-YJS-0001"
title = "新生儿出生一件事"
items = ["330900-T-0001", "330900-T-0002", "330900-T-0003"]
region = "舟山市"
lead = "市卫健委"
stage = "出生"
audience = ["个人"]
keywords = ["生孩子", "生娃", "出生"]
updated = 2024-06-01

[service]
visits = 1
online_url = "https://example.gov.cn/thing/1"

[time]
promised_days = 3

[[locations]]
name = "妇幼保健院出生一件事联办窗口"
address = "定沈路739号"
hours = "工作日 8:00-16:30"
phone = "0580-2026513"

[contact]
consult = ["0580-2026513"]
+++

宝宝出生后，出生医学证明、户口和医保一次办好。
-- content/yjs/birth-light.md --
+++
kind = "一件事"
code = "330900-YJS-0002"
title = "出生落户一件事"
items = ["330900-T-0001", "330900-T-0002"]
region = "舟山市"
stage = "出生"
updated = 2024-06-02

[service]
visits = 1

[[materials]]
name = "联办申请表"
source = "申请人自备"

[[materials]]
name = "父母居民身份证"
source = "政府部门核发"
shared = true

[[locations]]
name = "派出所户籍窗口"
address = "人民北路10号"
hours = "工作日 8:30-17:00"
+++

出生医学证明和落户一起办。
`
