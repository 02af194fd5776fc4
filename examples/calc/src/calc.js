export function add(a, b) {
  return a + b;
}

export function subtract(a, b) {
  return a - b;
}

/** Limits value to the range [min, max]. */
export function clamp(value, min, max) {
  return Math.min(Math.max(value, min), max);
}
