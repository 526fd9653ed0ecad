package api

import "flag"

// Flags declares the flags of `generator api` on fs and returns the
// options they fill once fs is parsed: --site (repeatable), --bind,
// --port and the limits. Zero values mean the defaults New applies.
func Flags(fs *flag.FlagSet) *Options {
	o := new(Options)
	fs.Func("site", "已生成的站点输出目录（含 search/），可重复：多个站点合并为一个排名", func(s string) error { o.Sites = append(o.Sites, s); return nil })
	fs.StringVar(&o.Bind, "bind", "127.0.0.1", "监听地址；默认只有本机能访问（放在反向代理之后）")
	fs.IntVar(&o.Port, "port", 8080, "端口")
	fs.IntVar(&o.Limits.MaxQueryRunes, "max-query", 0, "查询最多字数（默认且最多 200）")
	fs.IntVar(&o.Limits.MaxSize, "max-size", 0, "每页最多结果数（默认 50）")
	fs.DurationVar(&o.Limits.Timeout, "timeout", 0, "每次查询最长时间（默认 2s）")
	fs.IntVar(&o.MaxConcurrent, "max-concurrent", 0, "同时进行的查询数，超出时答 503（默认 CPU 数的 2 倍，至少 4）")
	fs.DurationVar(&o.Poll, "poll", 0, "多久检查一次站点是否重新发布（默认 2s）")
	return o
}
