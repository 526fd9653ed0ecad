package rules

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"

	"zhinan/generator/internal/site"
)

// root is the repository, from this package's folder.
const root = "../../.."

// readmeIDs returns the ids in the first column of README's "Errors and
// warnings" table.
func readmeIDs(t *testing.T) map[string]bool {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(root, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	s := string(data)
	start := strings.Index(s, "\n## Errors and warnings\n")
	if start < 0 {
		t.Fatal(`README.md has no "## Errors and warnings" section`)
	}
	s = s[start+1:]
	if end := strings.Index(s[3:], "\n## "); end >= 0 {
		s = s[:end+3]
	}
	ids := map[string]bool{}
	code := regexp.MustCompile("`([^`]+)`")
	for _, line := range strings.Split(s, "\n") {
		cells := strings.Split(line, "|")
		if !strings.HasPrefix(line, "| `") || len(cells) < 3 {
			continue
		}
		for _, m := range code.FindAllStringSubmatch(cells[1], -1) {
			ids[m[1]] = true
		}
	}
	return ids
}

// TestREADMEListsEveryRule: README's table lists every rule of the
// registry, and nothing else.
func TestREADMEListsEveryRule(t *testing.T) {
	listed := readmeIDs(t)
	for _, r := range all {
		if !listed[r.ID] {
			t.Errorf("rule %s is not in README's \"Errors and warnings\" table", r.ID)
		}
		delete(listed, r.ID)
	}
	for id := range listed {
		t.Errorf("README's table lists %s, which package rules does not know", id)
	}
}

// TestEveryRuleIsComplete: ids are unique (byID panics otherwise), each
// rule has a description and a stage, guide checks are on guide rules.
func TestEveryRuleIsComplete(t *testing.T) {
	for _, r := range all {
		if r.Desc == "" || r.Stage == "" {
			t.Errorf("%s: no description or no stage", r.ID)
		}
		if ByID(r.ID) != r {
			t.Errorf("%s: ByID does not find it", r.ID)
		}
		if (r.check != nil) != (r.Stage == Guide || r == R1) {
			t.Errorf("%s: a check of one guide, but stage %s", r.ID, r.Stage)
		}
		if r.Stage == Audit && r.Severity != site.Warning {
			t.Errorf("%s: check's findings are warnings", r.ID)
		}
	}
}

// registryVars maps the names of the rule variables of rules.go to their
// ids.
func registryVars(t *testing.T) map[string]string {
	t.Helper()
	f, err := parser.ParseFile(token.NewFileSet(), "rules.go", nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	vars := map[string]string{}
	ast.Inspect(f, func(n ast.Node) bool {
		vs, ok := n.(*ast.ValueSpec)
		if !ok || len(vs.Values) != 1 {
			return true
		}
		u, ok := vs.Values[0].(*ast.UnaryExpr)
		if !ok {
			return true
		}
		lit, ok := u.X.(*ast.CompositeLit)
		if !ok {
			return true
		}
		for _, e := range lit.Elts {
			if kv, ok := e.(*ast.KeyValueExpr); ok && kv.Key.(*ast.Ident).Name == "ID" {
				id, _ := strconv.Unquote(kv.Value.(*ast.BasicLit).Value)
				vars[vs.Names[0].Name] = id
			}
		}
		return true
	})
	return vars
}

// ruleLiteral is a string literal that looks like a rule id; outside
// package rules (and tests) an id is always one of its variables.
var ruleLiteral = regexp.MustCompile(`^"(R[0-9]+|[WCF]-[a-z-]+|utf8)"$`)

// TestRulesAreUsedThroughTheRegistry reads the generator's Go sources
// (tests left out): no rule id is written as a string outside this
// package, no diagnostic is built with a literal rule, and every rule of
// the registry is reported somewhere: by its check here, or by a package
// that names it (rules.R2, rules.Static …).
func TestRulesAreUsedThroughTheRegistry(t *testing.T) {
	vars := registryVars(t)
	if len(vars) != len(all) {
		t.Fatalf("rules.go declares %d rules, All has %d", len(vars), len(all))
	}
	used := map[string]bool{}
	fset := token.NewFileSet()
	err := filepath.WalkDir(filepath.Join(root, "generator"), func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && d.Name() == "testdata" {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(p, ".go") || strings.HasSuffix(p, "_test.go") {
			return nil
		}
		own := filepath.Dir(p) == filepath.Join(root, "generator", "internal", "rules")
		f, err := parser.ParseFile(fset, p, nil, 0)
		if err != nil {
			return err
		}
		checkRuleUses(t, fset, f, own, used)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	var unused []string
	for name, id := range vars {
		if !used[name] && !(ByID(id).check != nil) {
			unused = append(unused, id)
		}
	}
	sort.Strings(unused)
	if len(unused) > 0 {
		t.Errorf("rules no package reports (remove them, or report them through the registry): %v", unused)
	}
}

// checkRuleUses marks in used the names f selects from package rules and,
// unless f is of package rules itself (own), reports rule ids written as
// strings and diagnostics built with a literal rule.
func checkRuleUses(t *testing.T, fset *token.FileSet, f *ast.File, own bool, used map[string]bool) {
	t.Helper()
	ast.Inspect(f, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.SelectorExpr:
			if x, ok := n.X.(*ast.Ident); ok && x.Name == "rules" {
				used[n.Sel.Name] = true
			}
		case *ast.BasicLit:
			if !own && n.Kind == token.STRING && ruleLiteral.MatchString(n.Value) {
				t.Errorf("%s: rule id %s written as a string: use package rules", fset.Position(n.Pos()), n.Value)
			}
		case *ast.KeyValueExpr:
			if k, ok := n.Key.(*ast.Ident); ok && k.Name == "Rule" && !own {
				if lit, ok := n.Value.(*ast.BasicLit); ok {
					t.Errorf("%s: diagnostic with the literal rule %s: build it with rules.X.At", fset.Position(n.Pos()), lit.Value)
				}
			}
		}
		return true
	})
}
