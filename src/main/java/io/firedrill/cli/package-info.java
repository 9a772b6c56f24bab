/**
 * The {@code firedrill} command line (picocli): parses arguments and options, turns bad usage into
 * one line and exit status 2, and calls the run layer, the studies and the report writers; it
 * computes and writes nothing itself. Ctrl-C and SIGTERM trip the command line's cancellation token
 * ({@code io.firedrill.run.Cancellation}).
 */
package io.firedrill.cli;
