// The one error type every reader throws: its message is the whole reason, one line,
// so that `lines` can print `file: reason` and go on with the next file.
export class ReaderError extends Error {
  override name = "ReaderError";
}
