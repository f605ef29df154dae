package main

import (
	"errors"
	"flag"
)

// flagExit maps a flag parsing error to an exit code: --help is success,
// anything else a usage error (the flag package has already printed why).
func flagExit(err error) int {
	if errors.Is(err, flag.ErrHelp) {
		return exitOK
	}
	return exitUsage
}
