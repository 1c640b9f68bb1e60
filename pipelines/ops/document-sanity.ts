// Plain words for the errors a hostile document provokes deep inside a reader.
/** A reader's low-level failure in words an operator can act on. */
export function explainReason(message: string): string {
  if (/Maximum call stack size exceeded/.test(message)) return `structure nested too deeply to read (call stack exhausted): ${message}`;
  if (/Array buffer allocation failed|Invalid string length|heap out of memory/i.test(message)) return `too large to read in memory: ${message}`;
  return message;
}
