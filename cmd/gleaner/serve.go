package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"strings"
	"syscall"

	"github.com/gleaner-news/gleaner/internal/serve"
)

func serveCommand() command {
	return command{
		name:    "serve",
		summary: "run jobs on their schedules and answer an HTTP API with runs, records and metrics",
		run:     runServe,
	}
}

func runServe(ctx context.Context, env *environment, args []string) int {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(env.stderr)
	var lf logFlags
	lf.register(fs)
	configs := fs.String("configs", serve.DefaultConfigDir, "folder of job files (*.yaml, *.yml)")
	addr := fs.String("addr", serve.DefaultAddr, "address the HTTP API listens on; beyond loopback it needs --token-file")
	tokenFile := fs.String("token-file", "", "file holding the bearer token the API requires (all routes but /healthz)")
	grace := fs.Duration("grace", serve.DefaultGrace, "on SIGTERM/SIGINT, how long to wait for running jobs to stop and flush")
	poll := fs.Duration("poll", serve.DefaultReloadEvery, "how often to look for changed job files; 0 turns polling off (SIGHUP still reloads)")
	fs.Usage = func() {
		fmt.Fprintln(env.stderr, `Usage: gleaner serve [flags]

Loads the job files of --configs, runs each job that has a schedule: on it
(never two runs of one job at once: a run that comes due while one is going
is skipped and counted), and answers an HTTP API (see docs/serve.md):

  GET  /healthz                                 liveness, no token needed
  GET  /v1/jobs                                 jobs, schedules, last and next runs
  POST /v1/jobs/{job}/runs                      run a job now (202; 409 when it runs)
  GET  /v1/jobs/{job}/runs                      run history, newest first
  GET  /v1/jobs/{job}/runs/{run}                a run's status, live figures, summary
  GET  /v1/jobs/{job}/runs/{run}/records        the records it wrote (paged, or NDJSON)
  GET  /metrics                                 Prometheus metrics

Job files are reloaded on SIGHUP and when they change; a file with errors
is reported and its previous version keeps running. SIGTERM or SIGINT stops
the schedules, stops running jobs so their next run resumes, and exits 0.

Flags:`)
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return flagExit(err)
	}
	if fs.NArg() != 0 {
		fs.Usage()
		return exitUsage
	}
	log, err := lf.logger(env.stderr)
	if err != nil {
		fmt.Fprintln(env.stderr, "gleaner serve:", err)
		return exitUsage
	}
	token := ""
	if *tokenFile != "" {
		token, err = readToken(*tokenFile)
		if err != nil {
			fmt.Fprintln(env.stderr, "gleaner serve:", err)
			return exitUsage
		}
	}
	reloadEvery := *poll
	if reloadEvery <= 0 {
		reloadEvery = -1
	}
	srv, err := serve.New(serve.Options{
		ConfigDir: *configs, Addr: *addr, Token: token, Grace: *grace,
		ReloadEvery: reloadEvery, Logger: log,
	})
	if err != nil {
		fmt.Fprintln(env.stderr, "gleaner serve:", err)
		if errors.Is(err, serve.ErrTokenRequired) {
			fmt.Fprintln(env.stderr, "gleaner serve: give --token-file, or listen on 127.0.0.1")
		}
		return exitUsage
	}

	hup := make(chan os.Signal, 1)
	signal.Notify(hup, syscall.SIGHUP)
	defer signal.Stop(hup)
	go func() {
		for {
			select {
			case <-ctx.Done():
				return
			case <-hup:
				log.Info("SIGHUP: reloading job files")
				_ = srv.Reload() // Reload logs what went wrong
			}
		}
	}()

	if err := srv.ListenAndServe(ctx); err != nil {
		fmt.Fprintln(env.stderr, "gleaner serve:", err)
		return exitFailures
	}
	log.Info("stopped")
	return exitOK
}

// readToken reads a bearer token from a file: one word, surrounding space
// and the final newline trimmed. File permissions are the operator's call
// (systemd credentials, mounted secrets).
func readToken(path string) (string, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return "", fmt.Errorf("--token-file: %w", err)
	}
	token := strings.TrimSpace(string(data))
	if token == "" {
		return "", fmt.Errorf("--token-file %s is empty", path)
	}
	if strings.ContainsAny(token, " \t\r\n") {
		return "", fmt.Errorf("--token-file %s: the token must be one word on one line", path)
	}
	return token, nil
}
