package example;

/** Two small functions for Loom's tests. */
public final class Calc {
    private Calc() {}

    /** Returns a + b. */
    public static long add(long a, long b) {
        return a + b;
    }

    /** Returns a - b. */
    public static long subtract(long a, long b) {
        return a - b;
    }
}
