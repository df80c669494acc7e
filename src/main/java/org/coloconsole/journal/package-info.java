/**
 * The crash-safe audit journal: append-only JSON Lines of events, state changes and operator actions.
 *
 * <p>Format: one JSON object per line, keys in this order: {@code at} (UTC, microseconds:
 * {@code 2024-05-01T12:34:56.123456Z}), {@code kind} (lower case: event, state_change, recommendation, action_intent,
 * action_step, action_outcome, gap, note), {@code side} (absent when the line is about the pair), the caller's
 * fields, then {@code raw}: the QEMU event exactly as received, embedded as JSON (so {@code jq .raw.data} works).
 * Files live in {@code $XDG_DATA_HOME/colo-console/journal/} (0700): {@code journal.jsonl} (0600), rotated by size
 * to {@code journal-YYYYMMDD-HHMMSS[-N].jsonl}; a line torn by a crash is moved to
 * {@code journal.jsonl.torn-YYYYMMDD-HHMMSS[-N]} when the journal next opens. One process writes a directory at a
 * time ({@code journal.lock}).
 *
 * <p>The journal writes only what callers put in records: no key material, passwords or certificate contents may go
 * in fields or raw events.
 */
package org.coloconsole.journal;
