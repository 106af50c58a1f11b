// What an auth method will do, as plain data: chosen at resolve time (nothing sent), run by the
// authorizer on first use. Tests assert these shapes; values marked secret are never printed.

/** Where the JWT of a workload-identity federation comes from. */
export type JwtSource =
  | { readonly kind: 'env'; readonly name: string }
  | { readonly kind: 'file'; readonly path: string }
  /** GitHub Actions: GET `${url}&audience=…` with `Bearer ${requestToken}`, the JWT is in `value`. */
  | { readonly kind: 'github'; readonly url: string; readonly requestToken: string; readonly audience: string };

export type TokenPlan =
  /** A personal access token, sent as it is. */
  | { readonly kind: 'static'; readonly token: string }
  /** OAuth client credentials at a Databricks token endpoint, the client in a Basic header. */
  | { readonly kind: 'client-credentials'; readonly tokenUrl: string; readonly clientId: string; readonly clientSecret: string }
  /** RFC 8693 token exchange of a JWT at a Databricks token endpoint (no secret). */
  | { readonly kind: 'token-exchange'; readonly tokenUrl: string; readonly clientId: string | null; readonly jwt: JwtSource }
  /** Azure AD v1 client credentials for one resource, the client in the body (as the Python SDK sends it). */
  | {
      readonly kind: 'aad-client-credentials';
      readonly tokenUrl: string;
      readonly clientId: string;
      readonly clientSecret: string;
      readonly resource: string;
    }
  /** A CLI that prints a token as JSON (`databricks auth token`, `az account get-access-token`). */
  | { readonly kind: 'command'; readonly command: string; readonly args: readonly string[]; readonly output: 'databricks-cli' | 'azure-cli' };

export interface ExtraHeader {
  readonly name: string;
  /** A header whose value is a second token (`Bearer` is not added). */
  readonly token: TokenPlan | null;
  /** …or a fixed value. */
  readonly value: string | null;
}

export interface AuthPlan {
  /** The SDKs' auth type name: `pat`, `oauth-m2m`, `databricks-cli`, … */
  readonly method: string;
  readonly token: TokenPlan;
  readonly extraHeaders: readonly ExtraHeader[];
}

/** The methods that apply, in the order they are tried; one when `auth_type` pins it. */
export interface AuthChoice {
  readonly candidates: readonly AuthPlan[];
  readonly pinned: boolean;
  /** For the error when every candidate failed at run time: "the statement's profile 'prod'". */
  readonly where: string;
}

/** An AuthPlan (a method, its token, its extra headers). */
export function plan(method: string, token: TokenPlan, extraHeaders: readonly ExtraHeader[] = []): AuthPlan {
  return { method, token, extraHeaders };
}
