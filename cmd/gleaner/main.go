// Command gleaner crawls news portals and turns each article into one clean
// JSON record. Run "gleaner help" for the subcommands.
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

// Exit codes, documented in the README.
const (
	exitOK       = 0  // success
	exitFailures = 1  // the run finished, but some pages or inputs failed
	exitUsage    = 2  // usage or config error: nothing was fetched
	exitLocked   = 75 // another run of the same job holds its lock (EX_TEMPFAIL)
)

// command is one subcommand. run gets the arguments after the subcommand's
// name and returns the process exit code.
type command struct {
	name    string
	summary string
	run     func(ctx context.Context, env *environment, args []string) int
}

// environment is what a subcommand may touch of the process: its streams.
// Tests run subcommands in-process with buffers here.
type environment struct {
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
}

func commands() []command {
	return []command{
		crawlCommand(),
		extractCommand(),
		demoCommand(),
		evalCommand(),
		serveCommand(),
		runsCommand(),
		versionCommand(),
	}
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	env := &environment{stdin: os.Stdin, stdout: os.Stdout, stderr: os.Stderr}
	os.Exit(dispatch(ctx, env, os.Args[1:]))
}

// dispatch runs the subcommand named by args[0].
func dispatch(ctx context.Context, env *environment, args []string) int {
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		usage(env.stdout)
		if len(args) == 0 {
			return exitUsage
		}
		return exitOK
	}
	for _, c := range commands() {
		if c.name == args[0] {
			return c.run(ctx, env, args[1:])
		}
	}
	fmt.Fprintf(env.stderr, "gleaner: unknown command %q\n\n", args[0])
	usage(env.stderr)
	return exitUsage
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "gleaner crawls news portals and extracts each article as one JSON record.")
	fmt.Fprintln(w, "\nUsage: gleaner <command> [flags] [args]\n\nCommands:")
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-9s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w, "\nRun \"gleaner <command> --help\" for a command's flags.")
	fmt.Fprintln(w, "Exit codes: 0 success, 1 finished with failures, 2 usage or config error, 75 job locked.")
}
