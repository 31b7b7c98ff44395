package io.jwsgi.python;

import java.util.List;

/**
 * What a Worker needs to load the application; {@code multiprocess} is true when the pool holds
 * more than one Context (each has its own copy of the application's globals).
 */
record PythonConfig(String app, List<String> pythonPath, String name, String pycachePrefix, boolean multiprocess) {}
