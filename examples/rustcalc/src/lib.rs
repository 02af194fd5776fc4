//! Two small functions for Loom's tests.

/// Returns a + b.
pub fn add(a: i64, b: i64) -> i64 {
    a + b
}

/// Returns a - b.
pub fn subtract(a: i64, b: i64) -> i64 {
    a - b
}
