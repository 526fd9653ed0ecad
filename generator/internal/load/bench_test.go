package load

import (
	"testing"

	"github.com/BurntSushi/toml"
)

// contractExample is the example guide of guide-format.md.
const contractExample = `+++
code = "330000-SF-XK-0001"
title = "律师事务所设立审核登记"
department = "省司法厅"
region = "浙江省"
type = "行政许可"
audience = ["法人"]
topics = ["法律服务"]
keywords = ["开律所", "律所设立"]
batch = 1
published = 2017-03-01
updated = 2017-03-10
basis = ["《中华人民共和国律师法》第十八条", "《律师事务所管理办法》第十六条"]

[service]
star = 4
visits = 1
mode = "网上申报、信任在先、办结核验"
online_url = "https://example.gov.cn/apply/330000-SF-XK-0001"
delivery = true

[time]
legal_days = 30
promised_days = 15

[fee]
charged = false

[[materials]]
name = "律师事务所设立申请书"
source = "申请人自备"
original = true
template = "forms/lawfirm-application.docx"

[[materials]]
name = "设立人身份证明"
source = "政府部门核发"
shared = true

[[locations]]
name = "杭州市民中心行政审批窗口"
address = "杭州市上城区解放东路18号"
window = "C区12号"
hours = "工作日 9:00-12:00，13:30-17:00"
phone = "0571-87000000"

[contact]
consult = ["0571-87000000", "12348"]
complain = ["12345"]
+++

## 申请条件

1. 有自己的名称、住所和章程；
2. 有符合规定的律师；
3. 有符合规定的执业场所。
`

func TestContractExampleTakesTheFastPath(t *testing.T) {
	front, _, _, err := Split([]byte(contractExample))
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := scanValues(front); !ok {
		t.Fatal("the contract's example guide falls back to BurntSushi/toml")
	}
	checkFastDecode(t, front)
}

// BenchmarkParse is the cost of reading one typical guide (the contract's
// example): split, decode, line index.
func BenchmarkParse(b *testing.B) {
	data := []byte(contractExample)
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, diags := Parse("content/x.md", data); diags != nil {
			b.Fatal(diags)
		}
	}
}

// BenchmarkParseBurntSushi is the same guide decoded by BurntSushi/toml
// and the line index, the cost the scanner's decoding saves.
func BenchmarkParseBurntSushi(b *testing.B) {
	front, _, _, _ := Split([]byte(contractExample))
	b.SetBytes(int64(len(contractExample)))
	for b.Loop() {
		m := map[string]any{}
		if _, err := toml.Decode(string(front), &m); err != nil {
			b.Fatal(err)
		}
		scanText(front, 2, false) // the lines, as for a guide outside the plain subset
	}
}

// BenchmarkScanMachine is the scanner's character machine alone on the
// example guide, values given up from the start: the path of every guide
// outside the plain subset, which BenchmarkParse does not take.
func BenchmarkScanMachine(b *testing.B) {
	front, _, _, _ := Split([]byte(contractExample))
	b.SetBytes(int64(len(front)))
	for b.Loop() {
		scanText(front, 2, false)
	}
}
