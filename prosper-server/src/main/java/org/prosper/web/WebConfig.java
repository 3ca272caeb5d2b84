package org.prosper.web;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.TimeZone;

import jakarta.servlet.http.HttpServletRequest;

import org.prosper.access.ProsperUser;
import org.springframework.context.i18n.LocaleContext;
import org.springframework.context.i18n.TimeZoneAwareLocaleContext;
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
 * preferred language, or the browser's; English by default.
 */
@Configuration
public class WebConfig implements WebMvcConfigurer {

    private static final List<String> OFFERED_TAGS = Languages.OFFERED.stream().map(Languages.Language::tag).toList();

    @Bean
    LocaleResolver localeResolver() {
        CookieLocaleResolver resolver = new LatinDigitsLocaleResolver("prosper-lang");
        resolver.setDefaultLocale(Locale.ENGLISH);
        resolver.setDefaultLocaleFunction(WebConfig::preferredLanguage);
        resolver.setCookieMaxAge(Duration.ofDays(365));
        return resolver;
    }

    /**
     * Numbers in pages are written with the digits 0-9 in every language: the same digits as forms, exports and the
     * figures users compare them with (Burmese would otherwise format them in Myanmar digits). Messages are chosen by
     * language as before; only number formatting sees the extension.
     */
    static final class LatinDigitsLocaleResolver extends CookieLocaleResolver {

        LatinDigitsLocaleResolver(String cookieName) {
            super(cookieName);
        }

        static Locale withLatinDigits(Locale locale) {
            return locale == null ? null : new Locale.Builder().setLocale(locale).setUnicodeLocaleKeyword("nu", "latn").build();
        }

        @Override
        public Locale resolveLocale(HttpServletRequest request) {
            return withLatinDigits(super.resolveLocale(request));
        }

        @Override
        public LocaleContext resolveLocaleContext(HttpServletRequest request) {
            LocaleContext context = super.resolveLocaleContext(request);
            return new TimeZoneAwareLocaleContext() {
                @Override
                public Locale getLocale() {
                    return withLatinDigits(context.getLocale());
                }

                @Override
                public TimeZone getTimeZone() {
                    return context instanceof TimeZoneAwareLocaleContext zoned ? zoned.getTimeZone() : null;
                }
            };
        }
    }

    /**
     * Without a cookie from the switch, a signed-in user sees the language saved on their account page; anyone else the
     * offered language their browser asks for first (a phone set to Lao opens the login page in Lao), else English.
     */
    static Locale preferredLanguage(HttpServletRequest request) {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth != null && auth.getPrincipal() instanceof ProsperUser user && user.locale() != null && !user.locale().isBlank()) {
            return Locale.forLanguageTag(user.locale());
        }
        String asked = request.getHeader("Accept-Language");
        if (asked != null && !asked.isBlank()) {
            try {
                String match = Locale.lookupTag(Locale.LanguageRange.parse(asked), OFFERED_TAGS);
                if (match != null) return Locale.forLanguageTag(match);
            } catch (IllegalArgumentException malformed) {
                // a header no browser sends: English
            }
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
