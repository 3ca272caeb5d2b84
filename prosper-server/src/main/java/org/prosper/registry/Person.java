package org.prosper.registry;

import java.time.LocalDate;

/**
 * A household member. Name, national ID and date of birth are personal identifiers: masked for roles that may not see
 * them. {@code birthYear} is the year of {@code birthDate}; a masked member keeps only the year (enough for ages and age
 * groups), because a full date of birth with the village re-identifies a person, and in a Chinese national ID it is
 * eight of the eighteen digits.
 */
public record Person(Long id, int lineNo, String fullName, String nationalId, String sex, LocalDate birthDate,
                     String relation, String ethnicity, String education, Boolean inSchool, Boolean disability,
                     Boolean healthInsurance, String labourCapacity, String occupation, Boolean migrantWorker, Integer birthYear) {

    public Person(Long id, int lineNo, String fullName, String nationalId, String sex, LocalDate birthDate,
                  String relation, String ethnicity, String education, Boolean inSchool, Boolean disability,
                  Boolean healthInsurance, String labourCapacity, String occupation, Boolean migrantWorker) {
        this(id, lineNo, fullName, nationalId, sex, birthDate, relation, ethnicity, education, inSchool, disability,
                healthInsurance, labourCapacity, occupation, migrantWorker, birthDate == null ? null : birthDate.getYear());
    }

    public Person masked() {
        return new Person(id, lineNo, Masking.name(fullName), Masking.identifier(nationalId), sex, null, relation,
                ethnicity, education, inSchool, disability, healthInsurance, labourCapacity, occupation, migrantWorker, birthYear);
    }

    public Person withLineNo(int line) {
        return new Person(id, line, fullName, nationalId, sex, birthDate, relation, ethnicity, education, inSchool,
                disability, healthInsurance, labourCapacity, occupation, migrantWorker, birthYear);
    }

    public Integer ageOn(LocalDate date) {
        return birthDate == null ? null : java.time.Period.between(birthDate, date).getYears();
    }
}
