package org.prosper.registry;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.springframework.format.annotation.DateTimeFormat;

/** The household page's form: mutable, because the browser posts fields one by one; converted to a draft. */
public class HouseholdForm {

    private String code;
    private Long orgUnitId;
    private String address;
    private Double latitude;
    private Double longitude;
    private String phone;
    private String housingStructure;
    private String housingCondition;
    private Double floorArea;
    private String assets;
    private String waterSource;
    private String sanitation;
    private String cookingFuel;
    private Boolean electricity;
    private Double landArea;
    private String registrationStatus = "NOT_POOR";
    private Double annualIncome;
    private Integer incomeYear;
    private Integer version;
    private List<MemberForm> members = new ArrayList<>();

    public static HouseholdForm blank() {
        HouseholdForm form = new HouseholdForm();
        MemberForm head = new MemberForm();
        head.setRelation("HEAD");
        form.members.add(head);
        return form;
    }

    public static HouseholdForm of(Household h) {
        HouseholdForm f = new HouseholdForm();
        f.code = h.code();
        f.orgUnitId = h.orgUnitId();
        f.address = h.address();
        f.latitude = h.latitude();
        f.longitude = h.longitude();
        f.phone = h.phone();
        f.housingStructure = h.housingStructure();
        f.housingCondition = h.housingCondition();
        f.floorArea = h.floorArea();
        f.assets = h.assets();
        f.waterSource = h.waterSource();
        f.sanitation = h.sanitation();
        f.cookingFuel = h.cookingFuel();
        f.electricity = h.electricity();
        f.landArea = h.landArea();
        f.registrationStatus = h.registrationStatus();
        f.annualIncome = h.annualIncome();
        f.incomeYear = h.incomeYear();
        f.version = h.version();
        for (Person p : h.members()) f.members.add(MemberForm.of(p));
        return f;
    }

    HouseholdDraft toDraft() {
        List<Person> people = members.stream().filter(m -> !m.isEmpty()).map(MemberForm::toPerson).toList();
        // findFirst() before map(): a head without a name or national ID gives null, where map-then-findFirst throws
        Person head = people.stream().filter(p -> "HEAD".equals(p.relation())).findFirst().orElse(null);
        String headName = head == null ? null : head.fullName();
        String headId = head == null ? null : head.nationalId();
        return new HouseholdDraft(blankToNull(code), orgUnitId, blankToNull(address), latitude, longitude, headName, headId,
                blankToNull(phone), blankToNull(housingStructure), blankToNull(housingCondition), floorArea, blankToNull(assets),
                blankToNull(waterSource), blankToNull(sanitation), blankToNull(cookingFuel), electricity, landArea,
                blankToNull(registrationStatus), annualIncome, incomeYear, version, people);
    }

    /**
     * Where the draft's member {@code line} (1 for the first) stands on the form, from 0: rows left empty are not
     * members, so the third member may be the fourth row.
     */
    int formIndex(int line) {
        int seen = 0;
        for (int i = 0; i < members.size(); i++) {
            if (!members.get(i).isEmpty() && ++seen == line) return i;
        }
        return line - 1;
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    public static class MemberForm {
        private String fullName;
        private String nationalId;
        private String sex;
        @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
        private LocalDate birthDate;
        private String relation;
        private String ethnicity;
        private String education;
        private Boolean inSchool;
        private Boolean disability;
        private Boolean healthInsurance;
        private String labourCapacity;
        private String occupation;
        private Boolean migrantWorker;

        static MemberForm of(Person p) {
            MemberForm m = new MemberForm();
            m.fullName = p.fullName();
            m.nationalId = p.nationalId();
            m.sex = p.sex();
            m.birthDate = p.birthDate();
            m.relation = p.relation();
            m.ethnicity = p.ethnicity();
            m.education = p.education();
            m.inSchool = p.inSchool();
            m.disability = p.disability();
            m.healthInsurance = p.healthInsurance();
            m.labourCapacity = p.labourCapacity();
            m.occupation = p.occupation();
            m.migrantWorker = p.migrantWorker();
            return m;
        }

        boolean isEmpty() {
            return blankToNull(fullName) == null && blankToNull(sex) == null && birthDate == null && blankToNull(relation) == null;
        }

        Person toPerson() {
            return new Person(null, 0, blankToNull(fullName), blankToNull(nationalId), blankToNull(sex), birthDate,
                    blankToNull(relation), blankToNull(ethnicity), blankToNull(education), inSchool, disability,
                    healthInsurance, blankToNull(labourCapacity), blankToNull(occupation), migrantWorker);
        }

        public String getFullName() { return fullName; }
        public void setFullName(String v) { fullName = v; }
        public String getNationalId() { return nationalId; }
        public void setNationalId(String v) { nationalId = v; }
        public String getSex() { return sex; }
        public void setSex(String v) { sex = v; }
        public LocalDate getBirthDate() { return birthDate; }
        public void setBirthDate(LocalDate v) { birthDate = v; }
        public String getRelation() { return relation; }
        public void setRelation(String v) { relation = v; }
        public String getEthnicity() { return ethnicity; }
        public void setEthnicity(String v) { ethnicity = v; }
        public String getEducation() { return education; }
        public void setEducation(String v) { education = v; }
        public Boolean getInSchool() { return inSchool; }
        public void setInSchool(Boolean v) { inSchool = v; }
        public Boolean getDisability() { return disability; }
        public void setDisability(Boolean v) { disability = v; }
        public Boolean getHealthInsurance() { return healthInsurance; }
        public void setHealthInsurance(Boolean v) { healthInsurance = v; }
        public String getLabourCapacity() { return labourCapacity; }
        public void setLabourCapacity(String v) { labourCapacity = v; }
        public String getOccupation() { return occupation; }
        public void setOccupation(String v) { occupation = v; }
        public Boolean getMigrantWorker() { return migrantWorker; }
        public void setMigrantWorker(Boolean v) { migrantWorker = v; }
    }

    public String getCode() { return code; }
    public void setCode(String v) { code = v; }
    public Long getOrgUnitId() { return orgUnitId; }
    public void setOrgUnitId(Long v) { orgUnitId = v; }
    public String getAddress() { return address; }
    public void setAddress(String v) { address = v; }
    public Double getLatitude() { return latitude; }
    public void setLatitude(Double v) { latitude = v; }
    public Double getLongitude() { return longitude; }
    public void setLongitude(Double v) { longitude = v; }
    public String getPhone() { return phone; }
    public void setPhone(String v) { phone = v; }
    public String getHousingStructure() { return housingStructure; }
    public void setHousingStructure(String v) { housingStructure = v; }
    public String getHousingCondition() { return housingCondition; }
    public void setHousingCondition(String v) { housingCondition = v; }
    public Double getFloorArea() { return floorArea; }
    public void setFloorArea(Double v) { floorArea = v; }
    public String getAssets() { return assets; }
    public void setAssets(String v) { assets = v; }
    public String getWaterSource() { return waterSource; }
    public void setWaterSource(String v) { waterSource = v; }
    public String getSanitation() { return sanitation; }
    public void setSanitation(String v) { sanitation = v; }
    public String getCookingFuel() { return cookingFuel; }
    public void setCookingFuel(String v) { cookingFuel = v; }
    public Boolean getElectricity() { return electricity; }
    public void setElectricity(Boolean v) { electricity = v; }
    public Double getLandArea() { return landArea; }
    public void setLandArea(Double v) { landArea = v; }
    public String getRegistrationStatus() { return registrationStatus; }
    public void setRegistrationStatus(String v) { registrationStatus = v; }
    public Double getAnnualIncome() { return annualIncome; }
    public void setAnnualIncome(Double v) { annualIncome = v; }
    public Integer getIncomeYear() { return incomeYear; }
    public void setIncomeYear(Integer v) { incomeYear = v; }
    public Integer getVersion() { return version; }
    public void setVersion(Integer v) { version = v; }
    public List<MemberForm> getMembers() { return members; }
    public void setMembers(List<MemberForm> v) { members = v; }
}
