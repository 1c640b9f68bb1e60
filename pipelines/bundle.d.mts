// Types of bundle.mjs (plain JavaScript: it runs before any TypeScript loader is registered).
/** The entry points built together: paths from the project root. */
export const BUNDLE_ENTRIES: readonly string[];
/** The file URL of `entry`'s build, or null: run it through tsx. */
export function bundledEntry(entry: string): Promise<string | null>;
/** Runs `entry` from its build, else through tsx. */
export function importEntry(entry: string): Promise<unknown>;
