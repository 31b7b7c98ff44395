package io.jwsgi.benchmarks;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The settings every benchmark class of this module shares (JMH inherits them from a superclass):
 * average time per operation in nanoseconds, one fork, 3 warm-up and 5 measured iterations of one
 * second, and the benchmark object itself as its state. Command-line options override them.
 *
 * <pre>{@code
 * @Benchmark                          // in a class that extends JmhSettings
 * public byte[] toBytes() { return headers.toBytes(); }
 * }</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public abstract class JmhSettings {

    /** For subclasses. */
    protected JmhSettings() {}
}
