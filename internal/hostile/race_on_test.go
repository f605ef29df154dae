//go:build race

package hostile

// raceEnabled: the race detector multiplies memory use, so RSS bounds are skipped.
const raceEnabled = true
