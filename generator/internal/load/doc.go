// Package load reads a site's source folder through an fs.FS: config.toml,
// the guides under content/ and the list of files under static/.
//
// It turns bytes into site.Document values (TOML front matter decoded into
// plain Go values, the line of every key, the Markdown body) and reports
// what stops a file from being read at all: a file that is not UTF-8, an
// empty file, front matter that is not closed, TOML that does not parse
// (rule 14 of guide-format.md), and, so that no input can stall a build, a
// file larger than MaxGuideSize or TOML nested deeper than MaxNesting. It
// does not judge content; package validate does that.
package load
