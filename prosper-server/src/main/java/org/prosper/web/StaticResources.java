package org.prosper.web;

import java.time.Duration;

import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.CacheControl;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * How long a browser keeps the pages' scripts and styles, for users on slow connections (without this every page
 * view downloaded them again: the charts' library alone is a megabyte). A webjar's path names its library's version,
 * so its files never change under that path and are kept for a year without asking again. The application's own
 * /css and /js are kept but asked for again on each use (spring.web.resources.cache.cachecontrol.no-cache), answered
 * "not modified" while unchanged, so that a new version reaches every browser at once. Registered before Spring Boot's
 * own mappings, which then leave /webjars/** to this one.
 */
@Configuration
@Order(Ordered.HIGHEST_PRECEDENCE)
class StaticResources implements WebMvcConfigurer {

    static final CacheControl WEBJARS = CacheControl.maxAge(Duration.ofDays(365)).cachePublic().immutable();

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        registry.addResourceHandler("/webjars/**").addResourceLocations("classpath:/META-INF/resources/webjars/").setCacheControl(WEBJARS);
    }
}
