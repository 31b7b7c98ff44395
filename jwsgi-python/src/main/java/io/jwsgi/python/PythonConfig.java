package io.jwsgi.python;

import java.util.List;

/** What a Worker needs to load the application. */
record PythonConfig(String app, List<String> pythonPath, String name, String pycachePrefix) {}
