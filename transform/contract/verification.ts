// How far a number was checked: by the identities it took part in (transform/verify-items.ts).
import { z } from "zod";

export const Verification = z.enum([
  /** In at least one identity that holds exactly. */
  "verified",
  /** In identities that hold only within the rounding of the printed digits. */
  "rounding",
  /** In no identity that could be checked. */
  "unverified",
  /** In an identity that fails. */
  "error",
  /** Written from a repair (OCR); the value as read is kept in `amount`. */
  "repaired",
]);
export type Verification = z.infer<typeof Verification>;
