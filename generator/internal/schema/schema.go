// Package schema holds the JSON Schema of a guide's front matter, the file
// editors' tools (Taplo, Even Better TOML, any JSON Schema validator) use
// for completion and checks as they type. The schema lives at the
// repository root as schema/guide.schema.json, embedded by the root
// package zhinan; this package reads it from there and tests it against the
// Go types, the scaffold of `generator new` and the real validator, so it
// cannot drift from the format.
//
// The schema declares draft-07 but uses only keywords that mean the same in
// draft-04 (no if/then, const or boolean schemas): Taplo documents draft-04
// support and validates draft-07 schemas written this way.
package schema

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io/fs"
	"sort"
	"strings"
	"time"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"zhinan"
)

// guideSchema is schema/guide.schema.json of the repository.
var guideSchema = mustRead(zhinan.Schema, "guide.schema.json")

func mustRead(fsys fs.FS, name string) []byte {
	data, err := fs.ReadFile(fsys, name)
	if err != nil {
		panic(err) // embedded at build time: cannot be missing
	}
	return data
}

// URL is the schema's $id, under which Compile registers it.
const URL = "https://zhinan.example/schema/guide.schema.json"

// JSON returns the schema document (a copy).
func JSON() []byte { return bytes.Clone(guideSchema) }

// Compile parses and compiles the schema for validation.
func Compile() (*jsonschema.Schema, error) {
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(guideSchema))
	if err != nil {
		return nil, err
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource(URL, doc); err != nil {
		return nil, err
	}
	return c.Compile(URL)
}

// Validate checks decoded front matter (as site.Document.Front holds it:
// BurntSushi/toml values) against the schema. TOML dates become JSON
// strings first, as editors' tools see them: a local date "2017-03-01",
// anything else RFC 3339.
func Validate(sch *jsonschema.Schema, front map[string]any) error {
	data, err := json.Marshal(toJSON(front))
	if err != nil {
		return err
	}
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		return err
	}
	return sch.Validate(inst)
}

// toJSON turns TOML values into values encoding/json writes as the JSON
// tools see.
func toJSON(v any) any {
	switch x := v.(type) {
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, e := range x {
			out[k] = toJSON(e)
		}
		return out
	case []map[string]any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = toJSON(e)
		}
		return out
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = toJSON(e)
		}
		return out
	case time.Time:
		switch x.Location().String() {
		case "date-local":
			return x.Format("2006-01-02")
		case "time-local":
			return x.Format("15:04:05")
		}
		return x.Format(time.RFC3339Nano)
	}
	return v
}

// Keys lists the keys the schema allows, per table: "" for the top level,
// then "service", "materials" (the keys of each element), and so on. Keys
// are sorted.
func Keys() (map[string][]string, error) {
	var doc map[string]any
	if err := json.Unmarshal(guideSchema, &doc); err != nil {
		return nil, err
	}
	out := map[string][]string{}
	if err := collectKeys(doc, "", out); err != nil {
		return nil, err
	}
	for k := range out {
		sort.Strings(out[k])
	}
	return out, nil
}

// collectKeys walks "properties" (and "items" of arrays) from one object
// schema; anyOf/allOf branches only constrain keys declared there and are
// not walked.
func collectKeys(obj map[string]any, table string, out map[string][]string) error {
	props, ok := obj["properties"].(map[string]any)
	if !ok {
		return fmt.Errorf("schema of %q has no properties", table)
	}
	if obj["additionalProperties"] != false {
		return fmt.Errorf("schema of %q does not forbid unknown keys (additionalProperties: false)", table)
	}
	for key, raw := range props {
		out[table] = append(out[table], key)
		sub, _ := raw.(map[string]any)
		if sub == nil {
			return fmt.Errorf("schema of %q.%s is not an object", table, key)
		}
		if items, ok := sub["items"].(map[string]any); ok && items["type"] == "object" {
			sub = items
		}
		if sub["type"] == "object" {
			child := key
			if table != "" {
				child = table + "." + key
			}
			if err := collectKeys(sub, child, out); err != nil {
				return err
			}
		}
	}
	return nil
}

// Describe returns the Chinese description of a key path ("service.star"),
// or "" when the schema has none; for tools and error messages.
func Describe(path string) string {
	var node map[string]any
	if err := json.Unmarshal(guideSchema, &node); err != nil {
		return ""
	}
	for _, part := range strings.Split(path, ".") {
		props, _ := node["properties"].(map[string]any)
		next, _ := props[part].(map[string]any)
		if next == nil {
			return ""
		}
		if items, ok := next["items"].(map[string]any); ok && items["type"] == "object" {
			next = items
		}
		node = next
	}
	d, _ := node["description"].(string)
	return d
}
