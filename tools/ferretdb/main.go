// Command ferretdb runs FerretDB v1 through its embeddable package.
//
// Building github.com/FerretDB/FerretDB/cmd/ferretdb from a dependency still records
// FerretDB as the binary's main module, and then its version package panics on the
// version.txt that module zips do not carry. A main package of our own module avoids
// that check while running the same handler and listener.
package main

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"os/signal"
	"syscall"

	"github.com/FerretDB/FerretDB/ferretdb"
)

func main() {
	handler := flag.String("handler", "sqlite", "backend handler: sqlite or postgresql")
	sqliteURL := flag.String("sqlite-url", "file:data/", "SQLite directory URI (trailing slash)")
	postgresURL := flag.String("postgresql-url", "", "PostgreSQL URL for the postgresql handler")
	listenAddr := flag.String("listen-addr", "127.0.0.1:27017", "TCP listen address")
	logLevel := flag.String("log-level", "warn", "debug, info, warn or error")
	// Accepted for command-line compatibility with upstream's binary; the embeddable
	// package keeps no state directory, never sends telemetry and has no debug server.
	flag.String("state-dir", "", "ignored")
	flag.String("telemetry", "disable", "ignored")
	flag.String("debug-addr", "-", "ignored")
	flag.Parse()

	var level slog.Level
	if err := level.UnmarshalText([]byte(*logLevel)); err != nil {
		fmt.Fprintf(os.Stderr, "bad --log-level: %v\n", err)
		os.Exit(2)
	}
	logger := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: level}))

	f, err := ferretdb.New(&ferretdb.Config{
		Listener:      ferretdb.ListenerConfig{TCP: *listenAddr},
		Logger:        logger,
		Handler:       *handler,
		SQLiteURL:     *sqliteURL,
		PostgreSQLURL: *postgresURL,
	})
	if err != nil {
		logger.Error("start failed", "err", err)
		os.Exit(1)
	}

	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM, syscall.SIGINT)
	defer stop()
	logger.Info("listening", "addr", *listenAddr)
	if err := f.Run(ctx); err != nil {
		logger.Error("run failed", "err", err)
		os.Exit(1)
	}
}
