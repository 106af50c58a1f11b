// Text from a server or a manifest must not drive the user's terminal: a description holding
// `ESC]0;title BEL` or `ESC[2J` would retitle or clear it, a bidi override would reorder what is shown.
// Where hookql writes for people (tables, text output, plans, errors), every control character
// except newline (and tab, where layout allows) is shown as its escape (`\u001b`) instead.
// JSON and CSV output keep data exact: escaping there is the format's own job.

// C0 except \t and \n, DEL, C1, and the bidi embedding/override/isolate controls.
const CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;
const CONTROLS_AND_TAB = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

const escape = (c: string) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;

/** Newlines and tabs kept (messages, plans, text output). */
export function terminalSafe(text: string): string {
  return text.replace(CONTROLS, escape);
}

/** Tabs escaped too (table cells, where a tab breaks the layout). */
export function terminalSafeCell(text: string): string {
  return text.replace(CONTROLS_AND_TAB, escape);
}
