package org.prosper.platform;

import javax.sql.DataSource;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** In production (prosper.require-external-database=true) the server refuses to start on the embedded database. */
@Component
class EmbeddedDatabaseGuard implements InitializingBean {

    private final DataSource dataSource;
    private final boolean required;

    EmbeddedDatabaseGuard(DataSource dataSource, @Value("${prosper.require-external-database:false}") boolean required) {
        this.dataSource = dataSource;
        this.required = required;
    }

    @Override
    public void afterPropertiesSet() throws Exception {
        if (!required) return;
        if (EmbeddedDatabase.isH2(dataSource)) {
            throw new IllegalStateException("The production profile needs PostgreSQL: set PROSPER_DB_URL, PROSPER_DB_USER "
                    + "and PROSPER_DB_PASSWORD (the embedded H2 database is for demos and development only)");
        }
    }
}
