// A reply body that is already JSON text. The list endpoint builds its page from each webhook's
// kept JSON (webhook-store.ts) instead of objects that would only be serialized again.

export class JsonText {
  constructor(readonly text: string) {}
}

/** The bytes a reply body is sent as. */
export function jsonPayload(body: unknown): string {
  return body instanceof JsonText ? body.text : JSON.stringify(body);
}
