package sheets

import "fmt"

// Summary is the line `generator export` prints after writing the
// workbook to dest: what it holds.
func (r ExportResult) Summary(dest string) string {
	return fmt.Sprintf("已导出 %d 份指南、%d 件“一件事”到 %s（材料 %d 行，流程 %d 行，地点 %d 行）",
		r.Guides, r.Bundles, dest, r.Rows["材料"], r.Rows["流程"], r.Rows["地点"])
}

// Summary is the line `generator import` prints after an import (a dry
// run when dry): how many guides it created, updated and left alone.
func (r ImportResult) Summary(dry bool) string {
	verb := "已"
	if dry {
		verb = "演习（没有写入任何文件）：将"
	}
	return fmt.Sprintf("%s新建 %d 份、更新 %d 份指南，%d 份没有变化", verb, len(r.Created), len(r.Updated), r.Unchanged)
}
