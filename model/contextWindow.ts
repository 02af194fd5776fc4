// How much a model reads at once, and how much of it a Lab session fills before old tool
// results are elided. Every current Claude model has a 200,000-token window by default
// (the 1M-token windows need a beta header Loom does not send).
const DEFAULT_WINDOW = 200_000;

/** Share of the window a session may fill: room for the reply, and for the estimate to be off. */
export const CONTEXT_SHARE = 0.6;

export function contextWindowOf(_model: string): number {
  return DEFAULT_WINDOW;
}

/** Prompt tokens a Lab's request may reach before its oldest tool results are elided. */
export function contextBudgetOf(model: string): number {
  return Math.floor(contextWindowOf(model) * CONTEXT_SHARE);
}
