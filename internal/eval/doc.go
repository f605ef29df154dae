// Package eval scores an extractor against labelled page sets: the corpus
// reader and the metrics behind "gleaner eval" and the CI quality gate.
//
// # Corpus layout
//
// A set is a folder holding gold.jsonl (one labelled page per line) and the
// pages it names (pages/<id>.html or pages/<id>.html.gz, the original bytes).
// In a label, JSON null means "not labelled in this set" and "" or [] means
// "labelled as absent": a field is scored only on pages where it is labelled.
//
// # Metrics
//
//   - body: the scrapinghub article-extraction-benchmark metric. Tokens are
//     \w+ runs (Unicode letters, numbers, underscore; case kept); each text is
//     a multiset of 4-token shingles (a text of 1 to 3 tokens is one shorter
//     shingle, an empty text none). Per page tp, fp and fn are normalised to
//     sum to 1; corpus precision is the mean of per-page precision over pages
//     with tp+fp > 0, recall likewise over pages with tp+fn > 0, and F1 is
//     their harmonic mean. The headline figure splits every Han, Kana and
//     Hangul character into its own token ([TokenizeCJK]); the unsplit figure
//     ([Tokenize]) matches the published AEB numbers.
//   - snippets: whitespace-normalised, case-sensitive substring tests of the
//     "with" and "without" snippets against the predicted body, counts summed
//     over the set.
//   - title, summary: exact match after NFKC and whitespace normalisation
//     (summary also gets a token F1).
//   - authors: exact set match after NFKC, case folding and whitespace
//     normalisation, with names split on list separators on both sides
//     (", ", " and ", "&", "、", ";"), plus a per-page partial-credit F1 over
//     those names.
//   - published: the prediction must start with the gold value, so it is
//     compared at the gold's precision ("1998-03" matches "1998-03-14").
//   - page_type: precision and recall of the "this is an article" decision.
//
// For title, authors, published and summary a page labelled absent counts as
// right only when nothing is predicted. Precision, recall and F1 on those
// fields follow htmldate's rule: a correct non-empty prediction is a true
// positive, a wrong non-empty prediction a false positive, and an empty
// prediction where the gold has a value a false negative.
//
// # Running
//
// [Evaluate] reads a [Set]'s pages, calls an [ExtractFunc] on each (with a
// bounded number of workers) and scores the predictions into a [SetReport].
// A page that cannot be read, whose extraction fails or panics, is scored as
// an empty prediction and listed in the report's errors: Evaluate itself fails
// only when its context is cancelled. The package never imports gleaner's
// extractor, so the same runner scores peers in the bench module.
package eval
