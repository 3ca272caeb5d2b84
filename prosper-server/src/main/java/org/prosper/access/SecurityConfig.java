package org.prosper.access;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;

/**
 * Deny by default. The API and OpenRosa take HTTP Basic or an API token and keep no session; the web pages use a
 * login form with CSRF protection. What a user may see inside an allowed URL is decided by the services.
 */
@Configuration
public class SecurityConfig {

    @Bean
    PasswordEncoder passwordEncoder() {
        return new CachingPasswordEncoder(new BCryptPasswordEncoder(10));
    }

    /**
     * No Spring Security observations: they wrap each of the dozen filters of every request in a timed observation,
     * a noticeable share of the CPU of a small request such as an OpenRosa submission. HTTP request metrics stay.
     */
    @Bean
    org.springframework.security.config.observation.SecurityObservationSettings securityObservationSettings() {
        return org.springframework.security.config.observation.SecurityObservationSettings.noObservations();
    }

    @Bean
    @Order(1)
    SecurityFilterChain apiChain(HttpSecurity http, ApiTokenService tokens) throws Exception {
        http.securityMatcher("/api/**")
                .authorizeHttpRequests(a -> a
                        // the knowledge bank's read endpoints answer anonymous callers too (public items only)
                        .requestMatchers(org.springframework.http.HttpMethod.GET, "/api/v1/knowledge/search",
                                "/api/v1/knowledge/experts/**", "/api/v1/knowledge/practices/**",
                                "/api/v1/knowledge/documents/**", "/api/v1/knowledge/programmes/**").permitAll()
                        .anyRequest().authenticated())
                .httpBasic(b -> b.authenticationEntryPoint(new JsonAuthenticationEntryPoint()))
                .exceptionHandling(e -> e.authenticationEntryPoint(new JsonAuthenticationEntryPoint()))
                .csrf(c -> c.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .addFilterBefore(new ApiTokenFilter(tokens), BasicAuthenticationFilter.class);
        return http.build();
    }

    /** OpenRosa (ODK Collect, KoboCollect): HTTP Digest or Basic, no session, and the 401 those clients expect. */
    @Bean
    @Order(2)
    SecurityFilterChain openRosaChain(HttpSecurity http, UserService users, PasswordEncoder passwords,
                                      org.springframework.context.ApplicationEventPublisher events) throws Exception {
        OpenRosaAuthentication auth = new OpenRosaAuthentication(users, passwords);
        // failed Basic sign-ins reach LoginEvents (lock-out) as the other chains' do; the Digest filter publishes
        // nothing, so its failures are counted by the entry point it calls
        var manager = new org.springframework.security.authentication.ProviderManager(auth);
        manager.setAuthenticationEventPublisher(new org.springframework.security.authentication.DefaultAuthenticationEventPublisher(events));
        OpenRosaEntryPoint entry = new OpenRosaEntryPoint(java.util.UUID.randomUUID().toString(), users::recordFailedLogin);
        var digest = new org.springframework.security.web.authentication.www.DigestAuthenticationFilter();
        digest.setUserDetailsService(auth.digestUsers());
        digest.setPasswordAlreadyEncoded(true);
        digest.setCreateAuthenticatedToken(true);
        digest.setAuthenticationEntryPoint(entry);
        http.securityMatcher("/openrosa/**")
                .authenticationManager(manager)
                .authorizeHttpRequests(a -> a.anyRequest().authenticated())
                .httpBasic(b -> b.authenticationEntryPoint(entry))
                .exceptionHandling(e -> e.authenticationEntryPoint(entry))
                .csrf(c -> c.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .addFilterAfter(digest, BasicAuthenticationFilter.class);
        return http.build();
    }

    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data: blob:; worker-src 'self' blob:; connect-src 'self'; object-src 'none'; base-uri 'self'; "
            + "form-action 'self'; frame-ancestors 'none'";

    @Bean
    @Order(3)
    SecurityFilterChain webChain(HttpSecurity http, UserService users) throws Exception {
        http.addFilterBefore(new SessionUserRefresh(users), org.springframework.security.web.access.intercept.AuthorizationFilter.class)
                .authorizeHttpRequests(a -> a
                        .requestMatchers("/login", "/css/**", "/js/**", "/img/**", "/webjars/**", "/favicon.ico",
                                "/actuator/health/**", "/actuator/health", "/v3/api-docs/**", "/error").permitAll()
                        .requestMatchers(org.springframework.http.HttpMethod.GET, "/knowledge", "/knowledge/experts",
                                "/knowledge/experts/*", "/knowledge/practices/*", "/knowledge/programmes",
                                "/knowledge/programmes/*").permitAll()
                        .anyRequest().authenticated())
                .headers(h -> h
                        // pages run only the server's own scripts; styles may be inline (htmx and the charts set them)
                        .contentSecurityPolicy(c -> c.policyDirectives(CONTENT_SECURITY_POLICY))
                        // a search for a household by name is a GET: its URL must not travel to other sites
                        .referrerPolicy(r -> r.policy(org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN)))
                .formLogin(f -> f.loginPage("/login").defaultSuccessUrl("/", false).permitAll())
                .logout(l -> l.logoutSuccessUrl("/login?logout").permitAll());
        return http.build();
    }
}
