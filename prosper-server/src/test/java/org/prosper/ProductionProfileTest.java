package org.prosper;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;

/** The production profile must refuse the embedded database rather than run a ministry's registry on it. */
class ProductionProfileTest {

    @Test
    void productionProfileRefusesToStartOnH2() {
        SpringApplication app = new SpringApplication(ProsperApplication.class);
        assertThatThrownBy(() -> app.run("--spring.profiles.active=prod", "--server.port=0",
                "--spring.datasource.url=jdbc:h2:mem:prod-check;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE",
                "--prosper.data-dir=target/prod-check"))
                .hasStackTraceContaining("production profile needs PostgreSQL");
    }
}
