package io.jwsgi.python;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PythonEngineTest {

    @Test
    void twoOrThreeProcessorsGetTwoCompilerThreads() {
        assertThat(PythonEngine.compilerThreads(2, null)).isEqualTo(2);
        assertThat(PythonEngine.compilerThreads(3, null)).isEqualTo(2);
    }

    @Test
    void otherwiseTruffleChooses() {
        assertThat(PythonEngine.compilerThreads(1, null)).isZero();
        assertThat(PythonEngine.compilerThreads(4, null)).isZero();
        assertThat(PythonEngine.compilerThreads(64, null)).isZero();
    }

    @Test
    void theUsersSystemPropertyWins() {
        assertThat(PythonEngine.compilerThreads(2, "1")).isZero();
        assertThat(PythonEngine.compilerThreads(2, "2")).isZero();
    }
}
