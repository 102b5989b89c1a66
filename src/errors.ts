/** An error the user can fix: reported as one line and exit code 2, without a stack trace. */
export class UsageError extends Error {
  override name = "UsageError";
}
