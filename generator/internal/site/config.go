package site

// Config is config.toml. The keys of guide-format.md are mandatory for every
// site that uses them; the rest are the generator's own, each with a default
// applied by DefaultConfig and the loader.
type Config struct {
	Title    string `toml:"title"`
	BaseURL  string `toml:"base_url"`
	Language string `toml:"language"`

	Targets     Targets      `toml:"targets"`
	Regions     []Region     `toml:"regions"`
	Departments []Department `toml:"departments"`

	// StaleAfterDays is how old `updated` may be before check warns
	// (default 365).
	StaleAfterDays int `toml:"stale_after_days"`
	// Synonyms are site-wide groups of words that mean the same to a
	// citizen (社保 = 社会保险); each group is a list of words, the first
	// being the preferred form.
	Synonyms [][]string `toml:"synonyms"`
	// RecentCount is how many recently updated guides the home page lists
	// (default 10).
	RecentCount int `toml:"recent_count"`
	// Footer is an optional line of text shown at the foot of every page.
	Footer string `toml:"footer"`
	// PinyinOverrides are readings of heteronym phrases (乐清 = "yue qing")
	// that win over the built-in phrase table and go-pinyin's first
	// reading, in department, region and topic slugs and in search's pinyin.
	PinyinOverrides map[string]string `toml:"pinyin_overrides"`
}

// Targets are the reform targets a site is measured against, as fractions
// between 0 and 1. A zero target is not checked.
type Targets struct {
	OneVisitShare      float64 `toml:"one_visit_share"`
	FiveStarShare      float64 `toml:"five_star_share"`
	ThreeFourStarShare float64 `toml:"three_four_star_share"`
}

// Region is one declared administrative region (行政区划).
type Region struct {
	Name   string `toml:"name"`
	Code   string `toml:"code"`
	Parent string `toml:"parent"`
	// Slug overrides the URL segment of the region's page.
	Slug string `toml:"slug"`
}

// Department is one declared implementing authority (实施机关).
type Department struct {
	Name    string `toml:"name"`
	Region  string `toml:"region"`
	Phone   string `toml:"phone"`
	Address string `toml:"address"`
	// CreditCode is the 统一社会信用代码 (version 2, optional).
	CreditCode string `toml:"credit_code"`
	// Slug overrides the URL segment of the department's page.
	Slug string `toml:"slug"`
}

// DefaultConfig returns the configuration used for keys a site leaves out.
func DefaultConfig() Config {
	return Config{
		Title:          "办事指南",
		Language:       "zh-CN",
		StaleAfterDays: 365,
		RecentCount:    10,
	}
}

// RegionByName returns the declared region with that name, if any.
func (c *Config) RegionByName(name string) (Region, bool) {
	for _, r := range c.Regions {
		if r.Name == name {
			return r, true
		}
	}
	return Region{}, false
}

// DepartmentByName returns the declared department with that name, if any.
func (c *Config) DepartmentByName(name string) (Department, bool) {
	for _, d := range c.Departments {
		if d.Name == name {
			return d, true
		}
	}
	return Department{}, false
}
