package org.prosper;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import org.junit.jupiter.api.Test;

/** A feature uses another only through that feature's service: never its repositories or its SQL tables. */
class ArchitectureTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.prosper");

    @Test
    void noFeatureReachesIntoAnotherFeaturesRepositories() {
        noClasses().should(new ArchCondition<JavaClass>("use a repository of another feature") {
            @Override
            public void check(JavaClass item, ConditionEvents events) {
                item.getDirectDependenciesFromSelf().forEach(d -> {
                    JavaClass target = d.getTargetClass();
                    if (target.getSimpleName().endsWith("Repository")
                            && target.getPackageName().startsWith("org.prosper.")
                            && !feature(target).equals(feature(item))) {
                        events.add(SimpleConditionEvent.violated(item, d.getDescription()));
                    }
                });
            }
        }).check(CLASSES);
    }

    @Test
    void theMeasurementLibraryStaysFrameworkFree() {
        noClasses().that().resideInAPackage("org.prosper.measure..")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "jakarta.servlet..")
                .allowEmptyShould(true)
                .check(CLASSES);
    }

    @Test
    void webLayerHoldsNoFeatureLogicThatTouchesTheDatabase() {
        noClasses().that().resideInAPackage("org.prosper.web..")
                .should().dependOnClassesThat().haveSimpleNameEndingWith("Repository")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("org.springframework.jdbc.core.simple.JdbcClient")
                .check(CLASSES);
    }

    private static String feature(JavaClass c) {
        String rest = c.getPackageName().substring("org.prosper.".length());
        int dot = rest.indexOf('.');
        return dot < 0 ? rest : rest.substring(0, dot);
    }
}
