// One word for a POSIX shell, whatever it holds: paths and names from a repository may carry
// spaces, quotes or `$`, and reach `bash -c` in a container.
export const shellQuote = (word: string): string => `'${word.replace(/'/g, `'\\''`)}'`;
