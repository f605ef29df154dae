package main

import (
	"context"
	"flag"
	"fmt"
	"runtime/debug"
)

func versionCommand() command {
	return command{
		name:    "version",
		summary: "print gleaner's version and build information",
		run: func(ctx context.Context, env *environment, args []string) int {
			fs := flag.NewFlagSet("version", flag.ContinueOnError)
			fs.SetOutput(env.stderr)
			fs.Usage = func() {
				fmt.Fprintln(env.stderr, "Usage: gleaner version\n\nPrints the module version, the Go version and the VCS revision.")
			}
			if err := fs.Parse(args); err != nil {
				return flagExit(err)
			}
			fmt.Fprintf(env.stdout, "gleaner %s\n", buildVersion())
			return exitOK
		},
	}
}

// buildVersion reports the module version and VCS revision embedded by the Go toolchain.
func buildVersion() string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "(unknown)"
	}
	v := info.Main.Version
	for _, s := range info.Settings {
		if s.Key == "vcs.revision" && len(s.Value) >= 12 {
			v += " " + s.Value[:12]
		}
	}
	return v + " " + info.GoVersion
}
