// Package calc adds and subtracts.
package calc

// Add returns a + b.
func Add(a, b int) int {
	return a + b
}

// Subtract returns a - b.
func Subtract(a, b int) int {
	return a - b
}
