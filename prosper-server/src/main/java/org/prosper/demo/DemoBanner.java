package org.prosper.demo;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/** Tells whoever started the demo where it is and how to log in. */
@Component
@ConditionalOnProperty(name = "prosper.demo.enabled", havingValue = "true")
class DemoBanner {

    private final Environment environment;

    DemoBanner(Environment environment) {
        this.environment = environment;
    }

    @EventListener(ApplicationReadyEvent.class)
    void ready() {
        String port = environment.getProperty("local.server.port", environment.getProperty("server.port", "8080"));
        System.out.println();
        System.out.println("  Prosper demo is ready: http://localhost:" + port + "/");
        System.out.println("  Demo logins (password 'demo' for all): " + String.join(", ", DemoDataLoader.logins()));
        System.out.println("  API: http://localhost:" + port + "/api/v1/households (HTTP Basic), OpenAPI: /v3/api-docs");
        System.out.println();
    }
}
