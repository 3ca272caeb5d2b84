package org.prosper.survey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.prosper.survey.SurveyFixtures.*;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;
import org.prosper.DatabaseTest;
import org.prosper.access.AccessDeniedProblem;
import org.prosper.access.Actor;
import org.prosper.access.UserService;
import org.prosper.geo.GeoService;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A new mapping, round or form version is used as soon as it is committed, even when another thread (the processing
 * thread, a device) read and cached the old state while the change was being written.
 */
@DatabaseTest
class SurveyCacheCommitTest {

    @Autowired FormService forms;
    @Autowired RoundService rounds;
    @Autowired GeoService geo;
    @Autowired UserService users;
    @Autowired TransactionTemplate tx;

    private final Actor admin = Actor.system();

    /** A read on another thread, outside the transaction: it sees what is committed, and may cache it. */
    private static <T> T elsewhere(Supplier<T> read) {
        try {
            return CompletableFuture.supplyAsync(read).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private String form() {
        String formId = unique("cache");
        forms.publish(admin, Workbooks.simpleForm(formId, "1"), formId + ".xlsx");
        return formId;
    }

    @Test
    void aMappingReadElsewhereBeforeTheCommitIsReadAfreshAfterIt() {
        String formId = form();
        long formKey = forms.find(formId, null).orElseThrow().formKey();
        tx.executeWithoutResult(s -> {
            forms.setMapping(admin, formId, Map.of("income", "variable.income"));
            assertThat(elsewhere(() -> forms.mapping(formKey))).isEmpty();
        });
        assertThat(forms.mapping(formKey)).containsExactly(Map.entry("income", "variable.income"));
    }

    @Test
    void aRoundLookedForElsewhereBeforeTheCommitIsFoundAfterIt() {
        String formId = form();
        long formKey = forms.find(formId, null).orElseThrow().formKey();
        String village = geo.unitByCode(KH_VILLAGE).orElseThrow().path();
        Actor enumerator = users.find("enumerator-kh").orElseThrow().actor();
        Supplier<Boolean> inScope = () -> {
            try {
                forms.requireFormInScope(enumerator, formKey, formId);
                return true;
            } catch (AccessDeniedProblem e) {
                return false;
            }
        };
        long roundId = tx.execute(s -> {
            SurveyRound r = rounds.create(admin, new RoundService.NewRound(unique("R"), "Cache round", SurveyRound.Kind.MONITORING, formId,
                    LocalDate.now().minusDays(1), LocalDate.now().plusDays(1), List.of(KH_VILLAGE)));
            assertThat(elsewhere(() -> rounds.roundFor(formKey, village, LocalDate.now()))).isEmpty();
            assertThat(elsewhere(inScope)).isFalse();
            return r.id();
        });
        assertThat(rounds.roundFor(formKey, village, LocalDate.now())).contains(roundId);
        assertThat(inScope.get()).isTrue();
    }

    @Test
    void aReplacedFormVersionReadElsewhereBeforeTheCommitIsReadAfreshAfterIt() {
        String formId = form();
        byte[] retitled = Workbooks.xlsx(List.of(Workbooks.row("type", "name", "label"), Workbooks.row("integer", "a", "A")), null,
                List.of(Workbooks.row("form_title", "form_id", "version"), Workbooks.row("Second title", formId, "1")));
        tx.executeWithoutResult(s -> {
            FormService.Published published = forms.publish(admin, retitled, formId + ".xlsx");
            assertThat(published.replaced()).isTrue();
            assertThat(published.version().title()).isEqualTo("Second title");
            assertThat(elsewhere(() -> forms.find(formId, "1").orElseThrow().title())).isEqualTo("Test " + formId);
        });
        assertThat(forms.find(formId, "1").orElseThrow().title()).isEqualTo("Second title");
    }
}
