package org.prosper.registry;

import java.time.LocalDate;

/** A household member. Name and national ID are personal identifiers: masked for roles that may not see them. */
public record Person(Long id, int lineNo, String fullName, String nationalId, String sex, LocalDate birthDate,
                     String relation, String ethnicity, String education, Boolean inSchool, Boolean disability,
                     Boolean healthInsurance, String labourCapacity, String occupation, Boolean migrantWorker) {

    public Person masked() {
        return new Person(id, lineNo, Masking.name(fullName), Masking.identifier(nationalId), sex, birthDate, relation,
                ethnicity, education, inSchool, disability, healthInsurance, labourCapacity, occupation, migrantWorker);
    }

    public Person withLineNo(int line) {
        return new Person(id, line, fullName, nationalId, sex, birthDate, relation, ethnicity, education, inSchool,
                disability, healthInsurance, labourCapacity, occupation, migrantWorker);
    }

    public Integer ageOn(LocalDate date) {
        return birthDate == null ? null : java.time.Period.between(birthDate, date).getYears();
    }
}
