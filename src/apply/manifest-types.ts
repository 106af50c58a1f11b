// What a manifest becomes once it is loaded and validated: plain, immutable data. Values are resolved
// (vars and env filled in) and typed; secrets are still in them, so everything that prints goes
// through redaction (see redact-plan.ts).

export interface DesiredEntry {
  readonly kind: 'desired';
  /** The entry's label in plans and reports (live rows have no name). */
  readonly name: string;
  /** `file:line:col` of the entry. */
  readonly at: string;
  /** Value of the definition's server param (the workspace), as written after resolution. */
  readonly workspace: string;
  /** Input values other than the server param; a field that is absent is not managed. */
  readonly values: Readonly<Record<string, unknown>>;
  /** Dotted paths that identify the matching live row (the server param included). */
  readonly match: readonly string[];
}

export interface Manifest {
  readonly kind: 'manifest';
  readonly file: string;
  /** The definition's id (`provider.service.resource`). */
  readonly resource: string;
  readonly entries: readonly DesiredEntry[];
  /** Values that must never be printed: every write-only value and everything read from env. */
  readonly secrets: readonly string[];
}

export interface LoadOptions {
  /** `--var k=v`, overriding the manifest's own `vars`. */
  readonly vars?: Readonly<Record<string, string>>;
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Accept write-only values written in the manifest instead of `{{ env.NAME }}`. */
  readonly allowLiteralSecrets?: boolean;
}
