package org.prosper;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.Tag;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.ContextConfiguration;

/**
 * A test against the whole application on a real database with the demo data loaded. Surefire runs every such test
 * twice: on H2 and on PostgreSQL (see the server's pom). All of them share one application context per run.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag("db")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"prosper.demo.enabled=true", "prosper.data-dir=${prosper.test.data-dir:target/test-data}"})
@AutoConfigureMockMvc
@ContextConfiguration(initializers = TestDatabase.class)
public @interface DatabaseTest {
}
