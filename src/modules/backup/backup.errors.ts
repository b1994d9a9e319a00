/** What a backup or restore reports: expected failures as catalog keys, progress by step. */
import type { MessageKey, MessageParams } from '../../server/messages.js';

/** A failure the operator can act on; the command prints its message in their language. */
export class BackupError extends Error {
  constructor(
    readonly key: Extract<MessageKey, `backup.${string}`>,
    readonly params: MessageParams = {},
  ) {
    super(key);
  }
}

export type BackupStep = 'count' | 'dump' | 'check' | 'restore' | 'verify';

/** Called as a long step advances: `done` of `total` (tables, or bytes). */
export type ProgressReporter = (step: BackupStep, done: number, total: number) => void;
