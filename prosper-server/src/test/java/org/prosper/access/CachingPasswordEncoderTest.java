package org.prosper.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

class CachingPasswordEncoderTest {

    private final AtomicInteger slowChecks = new AtomicInteger();
    private final BCryptPasswordEncoder bcrypt = new BCryptPasswordEncoder(4);
    private final PasswordEncoder counting = new PasswordEncoder() {
        public String encode(CharSequence raw) { return bcrypt.encode(raw); }
        public boolean matches(CharSequence raw, String encoded) { slowChecks.incrementAndGet(); return bcrypt.matches(raw, encoded); }
    };
    private final CachingPasswordEncoder encoder = new CachingPasswordEncoder(counting);

    @Test
    void aRepeatedCorrectPasswordIsCheckedOnceAndWrongOnesAlways() {
        String hash = encoder.encode("s3cret");
        assertThat(encoder.matches("s3cret", hash)).isTrue();
        assertThat(encoder.matches("s3cret", hash)).isTrue();
        assertThat(slowChecks).hasValue(1);
        assertThat(encoder.matches("wrong", hash)).isFalse();
        assertThat(encoder.matches("wrong", hash)).isFalse();
        assertThat(slowChecks).hasValue(3);
    }

    @Test
    void aChangedPasswordHashInvalidatesTheRememberedMatch() {
        String old = encoder.encode("first");
        assertThat(encoder.matches("first", old)).isTrue();
        String changed = encoder.encode("second");
        assertThat(encoder.matches("first", changed)).isFalse();
        assertThat(encoder.matches("second", changed)).isTrue();
    }

    @Test
    void nullsNeverMatch() {
        assertThat(encoder.matches(null, encoder.encode("x"))).isFalse();
        assertThat(encoder.matches("x", null)).isFalse();
    }
}
