// Package record defines gleaner's output record, schema version 1.
//
// A Record is what one article becomes: the fields analysts load into
// DuckDB, pandas or BigQuery. It is every other package's leaf: it imports
// nothing of gleaner's and nothing outside the standard library.
//
// JSON encoding follows one rule: an absent value is null and an absent list
// is [], never a dropped key, so every line of a JSON Lines file has the same
// columns. Go's zero values ("" and nil) mean "absent".
package record
