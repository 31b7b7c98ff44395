/**
 * Python WSGI applications on jwsgi through GraalPy: {@link io.jwsgi.python.PythonApplication}
 * runs a PEP 3333 callable as an {@link io.jwsgi.Application}; {@link io.jwsgi.python.Main} is
 * the launcher behind {@code bin/jwsgi-python}.
 */
package io.jwsgi.python;
