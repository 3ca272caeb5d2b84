package org.prosper.web;

import java.time.Duration;
import java.util.Locale;

import org.prosper.access.ProsperUser;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;

/**
 * Language: chosen with ?lang=xx (the switch in the header) and remembered in a cookie; otherwise the signed-in user's
 * preferred language; English by default.
 */
@Configuration
public class WebConfig implements WebMvcConfigurer {

    @Bean
    LocaleResolver localeResolver() {
        CookieLocaleResolver resolver = new CookieLocaleResolver("prosper-lang");
        resolver.setDefaultLocale(Locale.ENGLISH);
        resolver.setDefaultLocaleFunction(request -> preferredLanguage());
        resolver.setCookieMaxAge(Duration.ofDays(365));
        return resolver;
    }

    /** Without a cookie from the switch, a signed-in user sees the language saved on their account page. */
    private static Locale preferredLanguage() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth != null && auth.getPrincipal() instanceof ProsperUser user && user.locale() != null && !user.locale().isBlank()) {
            return Locale.forLanguageTag(user.locale());
        }
        return Locale.ENGLISH;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        LocaleChangeInterceptor change = new LocaleChangeInterceptor();
        change.setParamName("lang");
        change.setIgnoreInvalidLocale(true);
        registry.addInterceptor(change);
        registry.addInterceptor(new RequestParameterGuard());
    }
}
