// A minimal terminal: enough of the VT100 cursor and erase sequences that readline, the progress
// spinner and the shell use, so a transcript is what the user's terminal finally shows (a spinner
// line that was erased is gone, a redrawn prompt appears once). Lines never wrap: a long typed
// statement stays one line, as it reads in the docs.

export class Screen {
  private readonly lines: string[][] = [[]];
  private row = 0;
  private col = 0;
  private pending = '';

  write(data: string): void {
    const text = this.pending + data;
    this.pending = '';
    for (let i = 0; i < text.length; i++) {
      const ch = text[i];
      if (ch === '\x1b') {
        const rest = text.slice(i);
        const csi = /^\x1b\[([0-9;?]*)([ -/]*)([@-~])/.exec(rest);
        const osc = /^\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)/.exec(rest);
        if (csi) {
          this.control(csi[1], csi[3]);
          i += csi[0].length - 1;
        } else if (osc) {
          i += osc[0].length - 1;
        } else if (rest.length < 3 || /^\x1b(\[[0-9;?]*|\][^\x07]*)$/.test(rest)) {
          this.pending = rest; // an escape sequence split across two writes
          return;
        } else {
          i += 1; // ESC + one character (e.g. ESC 7 / ESC 8): nothing to show
        }
      } else if (ch === '\r') this.col = 0;
      else if (ch === '\n') {
        this.row++;
        this.col = 0;
        while (this.lines.length <= this.row) this.lines.push([]);
      } else if (ch === '\b') this.col = Math.max(0, this.col - 1);
      else if (ch === '\t') this.col = (Math.floor(this.col / 8) + 1) * 8;
      else if (ch === '\x07' || ch < ' ') continue;
      else this.put(ch);
    }
  }

  /** What the screen shows: trailing spaces and trailing empty lines removed. */
  text(): string {
    return this.lines
      .map((l) => Array.from(l, (c) => c ?? ' ').join('').trimEnd())
      .join('\n')
      .replace(/\n+$/, '');
  }

  /** The line the cursor is on, up to the cursor. */
  cursorLine(): string {
    return Array.from(this.lines[this.row].slice(0, this.col), (c) => c ?? ' ').join('');
  }

  private put(ch: string): void {
    const line = this.lines[this.row];
    while (line.length < this.col) line.push(' ');
    line[this.col++] = ch;
  }

  private control(params: string, final: string): void {
    const n = (fallback: number) => (params === '' || params.startsWith('?') ? fallback : Number(params.split(';')[0]) || fallback);
    const line = this.lines[this.row];
    switch (final) {
      case 'A':
        this.row = Math.max(0, this.row - n(1));
        break;
      case 'B':
        this.row += n(1);
        while (this.lines.length <= this.row) this.lines.push([]);
        break;
      case 'C':
        this.col += n(1);
        break;
      case 'D':
        this.col = Math.max(0, this.col - n(1));
        break;
      case 'G':
        this.col = n(1) - 1;
        break;
      case 'K': {
        const mode = n(0);
        if (mode === 0) line.length = Math.min(line.length, this.col);
        else if (mode === 1) for (let c = 0; c <= this.col && c < line.length; c++) line[c] = ' ';
        else line.length = 0;
        break;
      }
      case 'J':
        if (n(0) === 0) {
          line.length = Math.min(line.length, this.col);
          this.lines.length = this.row + 1;
        }
        break;
      default:
        break; // colours, cursor visibility, bracketed paste: nothing to show
    }
  }
}
