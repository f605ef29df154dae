package eval

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"sort"
)

// Floors is the quality gate: set name → figure name (as in
// [Report.Figures]) → the lowest acceptable value. Keys starting with "_"
// are comments and ignored, at both levels.
type Floors map[string]map[string]float64

// Breach is a figure below its floor, or a floored figure the report lacks.
type Breach struct {
	Set    string  `json:"set"`
	Figure string  `json:"figure"`
	Value  float64 `json:"value"`
	Floor  float64 `json:"floor"`
	// Missing is true when the set was evaluated but has no such figure (a
	// renamed figure or a set that lost its labels): a breach too.
	Missing bool `json:"missing,omitempty"`
}

// String describes the breach for a report line.
func (b Breach) String() string {
	if b.Missing {
		return fmt.Sprintf("%s %s: no such figure (floor %.3f)", b.Set, b.Figure, b.Floor)
	}
	return fmt.Sprintf("%s %s: %.4f is below the floor %.4f", b.Set, b.Figure, b.Value, b.Floor)
}

// LoadFloors reads a floors file: a JSON object of objects of numbers.
func LoadFloors(path string) (Floors, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read floors: %w", err)
	}
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(data, &raw); err != nil {
		return nil, fmt.Errorf("floors %s: %w", path, err)
	}
	floors := make(Floors)
	for set, msg := range raw {
		if isComment(set) {
			continue
		}
		var figs map[string]json.RawMessage
		if err := json.Unmarshal(msg, &figs); err != nil {
			return nil, fmt.Errorf("floors %s: set %q: %w", path, set, err)
		}
		floors[set] = make(map[string]float64)
		for fig, v := range figs {
			if isComment(fig) {
				continue
			}
			var f float64
			if err := json.Unmarshal(v, &f); err != nil {
				return nil, fmt.Errorf("floors %s: %s %s: %w", path, set, fig, err)
			}
			floors[set][fig] = f
		}
	}
	return floors, nil
}

func isComment(key string) bool { return len(key) > 0 && key[0] == '_' }

// Check compares the report with the floors. It returns the breaches, and the
// floored sets the report does not contain (not evaluated in this run, so not
// checked), both in name order.
func (f Floors) Check(r *Report) (breaches []Breach, unchecked []string) {
	figures := r.Figures()
	for set, floors := range f {
		have, ok := figures[set]
		if !ok {
			unchecked = append(unchecked, set)
			continue
		}
		for fig, floor := range floors {
			v, ok := have[fig]
			switch {
			case !ok:
				breaches = append(breaches, Breach{Set: set, Figure: fig, Floor: floor, Missing: true})
			case v < floor:
				breaches = append(breaches, Breach{Set: set, Figure: fig, Value: v, Floor: floor})
			}
		}
	}
	sort.Slice(breaches, func(i, j int) bool {
		if breaches[i].Set != breaches[j].Set {
			return breaches[i].Set < breaches[j].Set
		}
		return breaches[i].Figure < breaches[j].Figure
	})
	sort.Strings(unchecked)
	return breaches, unchecked
}

// gatedFigures are the figures [SuggestFloors] floors: the F1s, accuracies
// and coverage. Precision and recall alone are left free, so that a change
// trading one for the other at a better F1 passes.
var gatedFigures = map[string]bool{
	"coverage": true, "body.f1": true, "body_unsplit.f1": true, "snippets.f1": true,
	"title.accuracy": true, "authors.accuracy": true, "authors.partial_f1": true,
	"published.accuracy": true, "published.f1": true, "summary.accuracy": true,
	"summary.partial_f1": true, "page_type.f1": true, "page_type.accuracy": true,
}

// SuggestFloors proposes floors from a report: each gated figure less margin,
// rounded down to three decimals. Figures that would get a floor of 0 or less
// are left out: they guard nothing.
func SuggestFloors(r *Report, margin float64) Floors {
	floors := make(Floors)
	for set, figs := range r.Figures() {
		for name, v := range figs {
			if !gatedFigures[name] {
				continue
			}
			floor := math.Floor((v-margin)*1000) / 1000
			if floor <= 0 {
				continue
			}
			if floors[set] == nil {
				floors[set] = make(map[string]float64)
			}
			floors[set][name] = floor
		}
	}
	return floors
}
