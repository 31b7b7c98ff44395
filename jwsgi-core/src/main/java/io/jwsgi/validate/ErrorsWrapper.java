package io.jwsgi.validate;

import static io.jwsgi.validate.Violations.fail;

import java.io.IOException;
import java.io.PrintStream;
import java.util.Locale;

/**
 * Wraps {@code wsgi.errors}: every method is passed on to the server's stream unchanged (so its
 * charset and flushing stay the server's), except {@link #close()}, which is an error.
 */
final class ErrorsWrapper extends PrintStream {

    private final PrintStream errors;

    ErrorsWrapper(PrintStream errors) {
        super(errors);
        this.errors = errors;
    }

    /** Always fails: the server owns wsgi.errors, the application must not close it. */
    @Override
    public void close() {
        throw fail("wsgi.errors.close() must not be called by the application; the server owns the stream");
    }

    @Override
    public void flush() {
        errors.flush();
    }

    @Override
    public boolean checkError() {
        return errors.checkError();
    }

    @Override
    public void write(int b) {
        errors.write(b);
    }

    @Override
    public void write(byte[] buffer, int offset, int length) {
        errors.write(buffer, offset, length);
    }

    @Override
    public void write(byte[] buffer) throws IOException {
        errors.write(buffer);
    }

    @Override
    public void writeBytes(byte[] buffer) {
        errors.writeBytes(buffer);
    }

    @Override
    public void print(boolean b) {
        errors.print(b);
    }

    @Override
    public void print(char c) {
        errors.print(c);
    }

    @Override
    public void print(int i) {
        errors.print(i);
    }

    @Override
    public void print(long l) {
        errors.print(l);
    }

    @Override
    public void print(float f) {
        errors.print(f);
    }

    @Override
    public void print(double d) {
        errors.print(d);
    }

    @Override
    public void print(char[] s) {
        errors.print(s);
    }

    @Override
    public void print(String s) {
        errors.print(s);
    }

    @Override
    public void print(Object obj) {
        errors.print(obj);
    }

    @Override
    public void println() {
        errors.println();
    }

    @Override
    public void println(boolean x) {
        errors.println(x);
    }

    @Override
    public void println(char x) {
        errors.println(x);
    }

    @Override
    public void println(int x) {
        errors.println(x);
    }

    @Override
    public void println(long x) {
        errors.println(x);
    }

    @Override
    public void println(float x) {
        errors.println(x);
    }

    @Override
    public void println(double x) {
        errors.println(x);
    }

    @Override
    public void println(char[] x) {
        errors.println(x);
    }

    @Override
    public void println(String x) {
        errors.println(x);
    }

    @Override
    public void println(Object x) {
        errors.println(x);
    }

    @Override
    public PrintStream printf(String format, Object... args) {
        errors.printf(format, args);
        return this;
    }

    @Override
    public PrintStream printf(Locale l, String format, Object... args) {
        errors.printf(l, format, args);
        return this;
    }

    @Override
    public PrintStream format(String format, Object... args) {
        errors.format(format, args);
        return this;
    }

    @Override
    public PrintStream format(Locale l, String format, Object... args) {
        errors.format(l, format, args);
        return this;
    }

    @Override
    public PrintStream append(CharSequence csq) {
        errors.append(csq);
        return this;
    }

    @Override
    public PrintStream append(CharSequence csq, int start, int end) {
        errors.append(csq, start, end);
        return this;
    }

    @Override
    public PrintStream append(char c) {
        errors.append(c);
        return this;
    }
}
