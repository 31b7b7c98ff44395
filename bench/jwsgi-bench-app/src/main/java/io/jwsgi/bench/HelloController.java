package io.jwsgi.bench;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Hello world as a Spring MVC controller, for scale. */
@RestController
class HelloController {

    @GetMapping(path = "/mvc", produces = Hello.CONTENT_TYPE)
    byte[] hello() {
        return Hello.BODY;
    }
}
