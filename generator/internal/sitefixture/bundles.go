package sitefixture

import _ "embed" // the sites are in testdata/

// BundleSite is a valid version-2 site with 一件事 (bundles): three member
// guides with shared materials and e_licenses, a bundle whose one set of
// materials is derived from all three, and a bundle with its own agreed
// [[materials]]. Its figures, worked out by hand, are in the comments of
// the tests that use it (build's TestBundleSite).
//
//go:embed testdata/bundles.txtar
var BundleSite string
