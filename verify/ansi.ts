// Terminal colour and title codes, which runners print and a record must not carry. Pure.
const ANSI = /\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)/g;

/** Text without terminal colour and title codes. */
export const stripAnsi = (text: string): string => text.replace(ANSI, '');
