// Live progress for `loom run` and `loom generate`. On a terminal: one line, rewritten in
// place, with a spinner, the current step and its elapsed seconds; a finished step leaves
// a line with its time. Elsewhere (pipes, logs, CI): plain lines, one per step, nothing else.

export interface ProgressOutput {
  write(text: string): void;
  isTTY?: boolean;
}

const FRAMES = '⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏';

export class Progress {
  private step?: { text: string; startedMs: number; detail?: string };
  private tick = 0;
  private timer?: NodeJS.Timeout;

  private readonly now: () => number;
  private readonly keepSteps: boolean;
  private readonly stepPrefix = '  → ';

  /** keepSteps: on a terminal, a finished step stays as a line with its time (else it just gives way). */
  constructor(
    private readonly out: ProgressOutput,
    opts: { now?: () => number; keepSteps?: boolean } = {},
  ) {
    this.now = opts.now ?? Date.now;
    this.keepSteps = opts.keepSteps ?? true;
  }

  get live(): boolean {
    return Boolean(this.out.isTTY);
  }

  /** The live line as it is drawn now. */
  frame(): string {
    if (!this.step) return '';
    const s = ((this.now() - this.step.startedMs) / 1000).toFixed(0);
    return `${FRAMES[this.tick % FRAMES.length]} ${this.step.text} ${s}s${this.step.detail ? ` · ${this.step.detail}` : ''}`;
  }

  /** A new step begins; the same text again is not a new step. */
  setStep(text: string): void {
    if (this.step?.text === text) return;
    if (!this.live) {
      this.step = { text, startedMs: this.now() };
      this.out.write(`${this.stepPrefix}${text}\n`);
      return;
    }
    this.finishStep();
    this.step = { text, startedMs: this.now() };
    this.timer ??= setInterval(() => this.render(), 250);
    this.timer.unref?.();
    this.render();
  }

  /** A detail of the current step (the agent's turn), shown on the live line only. */
  detail(text: string): void {
    if (!this.step || this.step.detail === text) return;
    this.step.detail = text;
    this.render();
  }

  /** A line that stays (a finished generation, a message): printed above the live line. */
  line(text: string): void {
    if (!this.live) return this.out.write(`${text}\n`);
    this.out.write(`\r\x1b[2K${text}\n`);
    this.render();
  }

  render(): void {
    if (!this.live || !this.step) return;
    this.tick++;
    this.out.write(`\r\x1b[2K${this.frame()}`);
  }

  /** Ends the live line (the last step stays as a line with its time). */
  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    if (this.live) this.finishStep();
  }

  private finishStep(): void {
    if (!this.step) return;
    const s = ((this.now() - this.step.startedMs) / 1000).toFixed(1);
    this.out.write(this.keepSteps ? `\r\x1b[2K${this.stepPrefix}${this.step.text} ${s}s\n` : '\r\x1b[2K');
    this.step = undefined;
  }
}
