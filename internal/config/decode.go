package config

import (
	"encoding"
	"fmt"
	"reflect"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// decoder turns a yaml.Node tree into Go values by reflection, recording
// every problem with its line and field path instead of stopping at the
// first, and recording the line of every key it sees.
type decoder struct {
	file  string
	errs  Errors
	lines map[string]int
	// failed holds the paths that did not decode, so validation does not
	// report the same key a second time ("must be more than 0").
	failed map[string]bool
}

func (d *decoder) fail(line int, field, format string, args ...any) {
	d.errs = append(d.errs, &Error{File: d.file, Line: line, Field: field, Msg: fmt.Sprintf(format, args...)})
	d.failed[field] = true
}

var textUnmarshalerType = reflect.TypeFor[encoding.TextUnmarshaler]()

// decode stores node into v (addressable), at field path.
func (d *decoder) decode(node *yaml.Node, v reflect.Value, path string) {
	for node.Kind == yaml.AliasNode {
		node = node.Alias
	}
	if node.Kind == yaml.ScalarNode && node.Tag == "!!null" {
		return // "key:" with no value keeps the default
	}
	if v.CanAddr() && v.Addr().Type().Implements(textUnmarshalerType) {
		if node.Kind != yaml.ScalarNode {
			d.fail(node.Line, path, "expected a single value, got %s", kindName(node))
			return
		}
		if err := v.Addr().Interface().(encoding.TextUnmarshaler).UnmarshalText([]byte(node.Value)); err != nil {
			d.fail(node.Line, path, "%v", err)
		}
		return
	}
	switch v.Kind() {
	case reflect.Pointer:
		elem := reflect.New(v.Type().Elem())
		d.decode(node, elem.Elem(), path)
		v.Set(elem)
	case reflect.Struct:
		d.decodeStruct(node, v, path)
	case reflect.Slice:
		items := node.Content
		if node.Kind == yaml.ScalarNode {
			items = []*yaml.Node{node} // a lone value is a list of one
		} else if node.Kind != yaml.SequenceNode {
			d.fail(node.Line, path, "expected a list, got %s", kindName(node))
			return
		}
		s := reflect.MakeSlice(v.Type(), len(items), len(items))
		for i, item := range items {
			itemPath := path + "[" + strconv.Itoa(i) + "]"
			d.lines[itemPath] = item.Line
			d.decode(item, s.Index(i), itemPath)
		}
		v.Set(s)
	case reflect.String:
		if node.Kind != yaml.ScalarNode || node.Tag == "!!bool" {
			d.fail(node.Line, path, "expected a string, got %s", kindName(node))
			return
		}
		v.SetString(node.Value)
	case reflect.Int:
		if node.Kind != yaml.ScalarNode || node.Tag != "!!int" {
			d.fail(node.Line, path, "expected a whole number, got %s", kindName(node))
			return
		}
		n, err := strconv.ParseInt(node.Value, 0, 64)
		if err != nil {
			d.fail(node.Line, path, "number %s is out of range", node.Value)
			return
		}
		v.SetInt(n)
	case reflect.Bool:
		if node.Kind != yaml.ScalarNode || node.Tag != "!!bool" {
			d.fail(node.Line, path, "expected true or false, got %s", kindName(node))
			return
		}
		v.SetBool(node.Value == "true" || node.Value == "True" || node.Value == "TRUE")
	default:
		// Only reachable if a field of an unsupported kind is added to Job.
		d.fail(node.Line, path, "unsupported field type %s", v.Type())
	}
}

func (d *decoder) decodeStruct(node *yaml.Node, v reflect.Value, path string) {
	if node.Kind != yaml.MappingNode {
		where := path
		if where == "" {
			where = "the job"
		}
		d.fail(node.Line, path, "expected a mapping of keys for %s, got %s", where, kindName(node))
		return
	}
	fields := yamlFields(v.Type())
	names := make([]string, 0, len(fields))
	for name := range fields {
		names = append(names, name)
	}
	seen := map[string]int{}
	for i := 0; i+1 < len(node.Content); i += 2 {
		key, val := node.Content[i], node.Content[i+1]
		if key.Kind == yaml.AliasNode {
			key = key.Alias
		}
		if key.Tag == "!!merge" {
			d.fail(key.Line, path, "merge keys (<<) are not supported")
			continue
		}
		name := key.Value
		fieldPath := join(path, name)
		if first, dup := seen[name]; dup {
			d.fail(key.Line, fieldPath, "duplicate key (first set on line %d)", first)
			continue
		}
		seen[name] = key.Line
		idx, ok := fields[name]
		if !ok {
			msg := "unknown field"
			if path != "" {
				msg += " in " + path
			}
			if s := suggest(name, names); s != "" {
				msg += fmt.Sprintf(" (did you mean %q?)", s)
			} else if home := homeOf(name); home != "" && home != path {
				msg += fmt.Sprintf(" (%q belongs %s)", name, where(home))
			}
			d.fail(key.Line, fieldPath, "%s", msg)
			continue
		}
		d.lines[fieldPath] = key.Line
		d.decode(val, v.Field(idx), fieldPath)
	}
}

// yamlFields maps yaml key names to struct field indexes.
func yamlFields(t reflect.Type) map[string]int {
	m := make(map[string]int, t.NumField())
	for i := range t.NumField() {
		f := t.Field(i)
		if !f.IsExported() {
			continue
		}
		name, _, _ := strings.Cut(f.Tag.Get("yaml"), ",")
		if name == "" || name == "-" {
			continue
		}
		m[name] = i
	}
	return m
}

// homeOf returns the section of Job where key name lives ("" for a
// top-level key, "limits" for max_pages), or "" when no section has it.
func homeOf(name string) string {
	t := reflect.TypeFor[Job]()
	top := yamlFields(t)
	if _, ok := top[name]; ok {
		return "."
	}
	for section, i := range top {
		if ft := t.Field(i).Type; ft.Kind() == reflect.Struct && ft.NumField() > 0 && !ft.Implements(textUnmarshalerType) && !reflect.PointerTo(ft).Implements(textUnmarshalerType) {
			if _, ok := yamlFields(ft)[name]; ok {
				return section
			}
		}
	}
	return ""
}

func where(section string) string {
	if section == "." {
		return "at the top level"
	}
	return "under " + section
}

func join(path, name string) string {
	if path == "" {
		return name
	}
	return path + "." + name
}

// kindName describes a node for "expected X, got Y" messages.
func kindName(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.ScalarNode:
		switch n.Tag {
		case "!!int":
			return "number " + n.Value
		case "!!float":
			return "number " + n.Value
		case "!!bool":
			return n.Value
		case "!!null":
			return "nothing"
		}
		return strconv.Quote(n.Value)
	}
	return "an unexpected value"
}
